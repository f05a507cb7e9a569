package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Resource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceDetectorTest {
  private static final Map<String, Double> DISKS = Map.of("/", 40.0);
  private final Fixture f = new Fixture();

  private static TestRules resource(String name, Resource resource, double threshold) {
    TestRules rule = rule(name, Detector.RESOURCE).resource(resource).threshold(threshold);
    rule.metric = null;
    rule.minRequests = 20;
    return rule;
  }

  @Test
  void cpuAveragesTheSamplesSkippingNaN() {
    f.system(50, 85, 50, 1000, DISKS, 1);
    f.system(40, Double.NaN, 50, 1000, DISKS, 1);
    f.system(30, 95, 50, 1000, DISKS, 1);

    assertThat(f.evaluate(resource("high-cpu", Resource.CPU, 80))).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("resource", "cpu"));
      assertThat(a.value()).isEqualTo(90.0);
      assertThat(a.severity()).isEqualTo(Severity.LOW);
      assertThat(a.summary()).isEqualTo("CPU usage averages 90% over 2 samples (threshold 80%)");
      assertThat(a.recommendation()).isEqualTo("This process uses 45% on average; cache repeated computations, "
          + "move heavy work to asynchronous tasks, or scale out.");
    });
  }

  @Test
  void memoryEscalatesAndResolves() {
    TestRules rule = resource("high-memory", Resource.MEMORY, 40);
    rule.keepFiringFor = Duration.ofMinutes(1);
    f.system(10, 10, 50, 1000, DISKS, 1);
    assertThat(f.evaluate(rule)).extracting(Alert::severity).containsExactly(Severity.LOW);

    f.advance(Duration.ofSeconds(10));
    f.system(5, 10, 110, 1000, DISKS, 1);
    assertThat(f.evaluate(rule)).extracting(Alert::severity).containsExactly(Severity.HIGH);

    f.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 10; i++) {
      f.system(i, 10, 0, 1000, DISKS, 1);
    }
    assertThat(f.evaluate(rule)).hasSize(1);
    f.advance(Duration.ofSeconds(30));
    assertThat(f.evaluate(rule)).isEmpty();
    assertThat(f.sink.lines()).containsExactly("firing low high-memory {resource=memory}",
        "firing high high-memory {resource=memory}", "resolved high high-memory {resource=memory}");
  }

  @Test
  void diskUsesTheLatestReadingPerMount() {
    f.system(60, 10, 50, 1000, Map.of("/", 95.0, "/data", 97.0), 1);
    f.system(30, 10, 50, 1000, Map.of("/", 50.0, "/data", Double.NaN), 1);

    assertThat(f.evaluate(resource("disk-full", Resource.DISK, 90))).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("resource", "disk", "mount", "/data"));
      assertThat(a.value()).isEqualTo(97.0);
    });
  }

  @Test
  void concurrencyIsTheMostRequestsInFlight() {
    f.system(30, 10, 50, 1000, DISKS, 120);
    f.system(20, 10, 50, 1000, DISKS, 410);

    assertThat(f.evaluate(resource("busy", Resource.CONCURRENCY, 200))).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(410.0);
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
    });
  }

  @Test
  void steadilyRisingHeapAfterGcIsALeakWithTheSpanItCovers() {
    f.heap(240, 5000, 100);
    f.heap(180, 5000, 110);
    f.heap(150, 5000, Double.NaN);
    f.heap(120, 5000, 120);
    f.heap(60, 5000, 130);
    f.heap(0, 5000, 140);

    assertThat(f.evaluate(resource("memory-leak", Resource.MEMORY_LEAK, 5))).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("resource", "memory_leak"));
      assertThat(a.value()).isEqualTo(10.0);
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
      assertThat(a.summary()).isEqualTo("The JVM heap after GC (old generation) rose from 100 MB to 140 MB over the "
          + "last 4 minutes (10 MB/min, rising in 4 of its 4 changes; threshold 5 MB/min)");
      assertThat(a.details()).containsEntry("rising_percent", "100").containsEntry("samples", "5")
          .containsEntry("span_minutes", "4");
    });
  }

  @Test
  void risingHostMemoryIsNoLeak() {
    // the reported bug: every process on the machine grows host memory; the JVM heap after GC stays flat
    for (int i = 0; i <= 8; i++) {
      f.heap(240 - i * 30L, 5000 + i * 200, 100);
    }

    assertThat(f.evaluate(resource("memory-leak", Resource.MEMORY_LEAK, 5))).isEmpty();
  }

  @Test
  void noVerdictBeforeTheReadingsCoverHalfTheWindow() {
    // a fresh service: 2 minutes of readings of a 5-minute window, rising fast
    f.heap(120, 5000, 100);
    f.heap(80, 5000, 200);
    f.heap(40, 5000, 300);
    f.heap(0, 5000, 400);
    TestRules leak = resource("memory-leak", Resource.MEMORY_LEAK, 5);
    assertThat(f.evaluate(leak)).isEmpty();

    f.advance(Duration.ofSeconds(40));
    f.heap(0, 5000, 500);
    assertThat(f.evaluate(leak)).singleElement()
        .satisfies(a -> assertThat(a.value()).isCloseTo(150.0, within(1e-9)));
  }

  @Test
  void anIdleServiceWithoutCollectionsHasNoReadingAndNoVerdict() {
    for (int i = 0; i <= 10; i++) {
      f.heap(300 - i * 30L, 5000 + i * 500, Double.NaN);
    }

    assertThat(f.evaluate(resource("memory-leak", Resource.MEMORY_LEAK, 5))).isEmpty();
  }

  @Test
  void sawtoothHeapIsNoLeakEvenWithAnUpwardSlope() {
    double[] heapMb = {1000, 1100, 1050, 1150, 1100, 1200};
    for (int i = 0; i < heapMb.length; i++) {
      f.heap(250 - i * 50L, 5000, heapMb[i]);
    }

    assertThat(f.evaluate(resource("memory-leak", Resource.MEMORY_LEAK, 5))).isEmpty();
  }

  @Test
  void healthyHostRaisesNothingAndNaNIsNeverZero() {
    f.system(30, 20, 40, 1000, DISKS, 3);
    f.system(20, Double.NaN, Double.NaN, Double.NaN, Map.of("/", Double.NaN), 2);
    TestRules cpuBelowNaN = resource("cpu-floor", Resource.CPU, 0.001);

    assertThat(f.evaluate(resource("cpu", Resource.CPU, 80), resource("mem", Resource.MEMORY, 85),
        resource("disk", Resource.DISK, 90), resource("busy", Resource.CONCURRENCY, 100),
        resource("leak", Resource.MEMORY_LEAK, 5))).isEmpty();
    assertThat(f.evaluate(cpuBelowNaN)).extracting(Alert::value).containsExactly(20.0);
  }
}
