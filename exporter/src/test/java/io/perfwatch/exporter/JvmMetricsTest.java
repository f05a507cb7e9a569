package io.perfwatch.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Micrometer's JVM and process binders, under the names Spring Boot exposes, one meter per name. */
class JvmMetricsTest {

  private static List<String> scrape(PerfWatch perfwatch) {
    return perfwatch.registry().scrape().lines().filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void registersTheJvmAndProcessMetricsByDefault() {
    try (PerfWatch perfwatch = PerfWatch.builder().build()) {
      System.gc(); // a GC notification registers jvm_gc_pause_seconds
      await().atMost(Duration.ofSeconds(10))
          .until(() -> scrape(perfwatch).stream().anyMatch(l -> l.startsWith("jvm_gc_pause_seconds_count{")));

      assertThat(scrape(perfwatch)).anyMatch(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\",id="))
          .anyMatch(l -> l.startsWith("jvm_memory_used_bytes{area=\"nonheap\",id="))
          .anyMatch(l -> l.startsWith("jvm_threads_live_threads "))
          .anyMatch(l -> l.startsWith("jvm_classes_loaded_classes "))
          .anyMatch(l -> l.startsWith("jvm_buffer_memory_used_bytes{id="))
          .anyMatch(l -> l.startsWith("process_uptime_seconds "))
          .anyMatch(l -> l.startsWith("process_files_open_files "))
          .noneMatch(l -> l.startsWith("jvm_compilation_time_ms") || l.startsWith("system_cpu_count"));
    }
  }

  @Test
  void hasOneMeterForEachCpuAndLoadName() {
    try (PerfWatch perfwatch = PerfWatch.builder().build()) {
      List<String> lines = scrape(perfwatch);

      assertThat(lines).filteredOn(l -> l.startsWith("system_cpu_usage ")).hasSize(1);
      assertThat(lines).filteredOn(l -> l.startsWith("process_cpu_usage ")).hasSize(1);
      assertThat(lines).filteredOn(l -> l.startsWith("system_load_average_1m ")).hasSize(1);
    }
  }

  @Test
  void canBeSwitchedOff() {
    try (PerfWatch perfwatch = PerfWatch.builder().jvmMetrics(false).build()) {
      assertThat(scrape(perfwatch)).noneMatch(l -> l.startsWith("jvm_") || l.startsWith("process_uptime"))
          .anyMatch(l -> l.startsWith("process_cpu_usage "));
    }
  }
}
