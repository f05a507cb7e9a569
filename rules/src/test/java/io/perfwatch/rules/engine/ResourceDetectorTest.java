package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

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
  void steadilyRisingMemoryIsALeak() {
    f.system(240, 10, 50, 1000, DISKS, 1);
    f.system(180, 10, 50, 1010, DISKS, 1);
    f.system(150, 10, 50, Double.NaN, DISKS, 1);
    f.system(120, 10, 50, 1020, DISKS, 1);
    f.system(60, 10, 50, 1030, DISKS, 1);
    f.system(0, 10, 50, 1040, DISKS, 1);

    assertThat(f.evaluate(resource("memory-leak", Resource.MEMORY_LEAK, 5))).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("resource", "memory_leak"));
      assertThat(a.value()).isEqualTo(10.0);
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
      assertThat(a.details()).containsEntry("rising_percent", "100").containsEntry("samples", "5");
    });
  }

  @Test
  void sawtoothMemoryIsNoLeakEvenWithAnUpwardSlope() {
    double[] usedMb = {1000, 1100, 1050, 1150, 1100, 1200};
    for (int i = 0; i < usedMb.length; i++) {
      f.system(250 - i * 50L, 10, 50, usedMb[i], DISKS, 1);
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
