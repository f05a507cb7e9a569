package com.example.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.testkit.CapturedStderr;
import io.perfwatch.testkit.LoopbackClient;
import io.perfwatch.testkit.ResolvedDependencies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** perfwatch-exporter alone: no web framework resolved, JDBC timed, /metrics served by the core. */
class BatchAppTest {

  @Test
  void servesJdbcAndJvmMetricsWithoutAWebFramework() throws Exception {
    BatchApp app;
    try (CapturedStderr stderr = new CapturedStderr()) {
      app = new BatchApp(0);
      assertThat(stderr.lines()).filteredOn(l -> l.startsWith("perfwatch:")).hasSize(1);
    }
    app.run(7);

    String metrics = new LoopbackClient(app.metricsPort()).get("/metrics").body();

    assertThat(metrics).contains(
        "db_query_duration_seconds_count{operation=\"INSERT\",outcome=\"success\",table=\"jobs\"} 7");
    assertThat(metrics).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_threads_live_threads ",
        "process_uptime_seconds ");
    app.close();
  }

  @Test
  void resolvesNoSparkJettyOrServletApi() {
    ResolvedDependencies resolved = ResolvedDependencies.read(Path.of("target/dependencies.txt"));

    assertThat(resolved.all()).noneMatch(a -> a.groupId().startsWith("org.eclipse.jetty")
        || a.groupId().equals("com.sparkjava") || a.artifactId().contains("servlet"));
    assertThat(resolved.versions("io.prometheus", "prometheus-metrics-"))
        .containsExactly(System.getProperty("expected.prometheus-metrics"));
  }
}
