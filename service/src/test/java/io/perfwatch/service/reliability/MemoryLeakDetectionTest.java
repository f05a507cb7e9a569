package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real leak: {@link HeapWorkloadService} retains {@value #CHUNKS_PER_SECOND} arrays of 64 KiB a second (30 MiB a
 * minute) on top of its short-lived garbage, in a 256 MiB heap, sampled every 5 s. The memory-leak rule (the shipped
 * one with a 2-minute window) fires, not before its readings cover half the window, and once its window holds only
 * leaking time its value, the slope of the old generation after GC, is the retention rate within 10 %.
 */
@Tag("reliability")
class MemoryLeakDetectionTest {
  private static final int CHUNKS_PER_SECOND = 8;
  private static final Duration WINDOW = Duration.ofMinutes(2);
  private static final double LEAK_MIB_PER_MINUTE =
      CHUNKS_PER_SECOND * 60.0 * HeapWorkloadService.CHUNK_HEAP_BYTES / (1024 * 1024);

  @TempDir
  Path dir;

  @Test
  void aLeakFiresMemoryLeakWithTheRetentionRate() throws Exception {
    Path rules = AlertWatch.rulesWithShortLeakWindow(dir, WINDOW);
    long started = System.nanoTime();
    Map<String, String> env = Map.of("PERFORMANCE_HTTP_PORT", "0", "PERFORMANCE_ADMIN_TOKEN", AlertWatch.TOKEN,
        "PERFORMANCE_RULES_FILE", rules.toString(), "PERFORMANCE_SYSTEM_SAMPLE_SECONDS", "5",
        HeapWorkloadService.LEAK_ENV, String.valueOf(CHUNKS_PER_SECOND));
    try (ServiceProcess service = new ServiceProcess(HeapWorkloadService.class, env, dir, HeapWorkloadService.READY)) {
      // no verdict before the readings cover half the window
      JsonNode firing = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5))
          .until(() -> leak(service), Optional::isPresent).orElseThrow();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(WINDOW.dividedBy(2));
      assertThat(firing.path("state").asText()).isEqualTo("firing");

      // then the window slides past the start, where retained arrays were still young and not yet promoted
      Thread.sleep(WINDOW.plusSeconds(45).toMillis());
      JsonNode settled = leak(service).orElseThrow();
      System.out.printf("memory-leak: retained %.2f MiB/min, measured %s MiB/min (%s); %s%n", LEAK_MIB_PER_MINUTE,
          settled.path("value").asText(), settled.path("severity").asText(), settled.path("summary").asText());
      assertThat(settled.path("value").asDouble()).isCloseTo(LEAK_MIB_PER_MINUTE,
          org.assertj.core.data.Percentage.withPercentage(10));
      assertThat(settled.path("severity").asText()).isEqualTo("high");
      Matcher summary = Pattern.compile("The JVM heap after GC \\(old generation\\) "
          + "rose from [0-9.]+ MB to [0-9.]+ MB over the last ([0-9.]+) minutes \\([0-9.]+ MB/min, rising in [0-9]+ "
          + "of its [0-9]+ changes; threshold 10 MB/min\\)").matcher(settled.path("summary").asText());
      assertThat(summary.matches()).as(settled.path("summary").asText()).isTrue();
      // the text shows one decimal, the details three significant digits
      assertThat(Double.parseDouble(summary.group(1)))
          .isCloseTo(settled.path("details").path("span_minutes").asDouble(), within(0.05));
      List<String> others = AlertWatch.alertLines(service.output()).stream()
          .filter(l -> !l.contains(" rule=" + AlertWatch.SHORT_LEAK_RULE + " ") && !l.contains(" rule=high-cpu "))
          .toList();
      assertThat(others).as("no other rule fires on the leaking service").isEmpty();
    }
  }

  private static Optional<JsonNode> leak(ServiceProcess service) throws Exception {
    return AlertWatch.alerts(service.baseUri()).stream()
        .filter(a -> a.path("rule").asText().equals(AlertWatch.SHORT_LEAK_RULE))
        .filter(a -> a.path("state").asText().equals("firing")).findFirst();
  }
}
