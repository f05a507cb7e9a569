package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.testkit.CapturedStderr;
import io.perfwatch.testkit.LoopbackClient;
import io.perfwatch.testkit.ResolvedDependencies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import spark.Service;

/** The app built against perfwatch-spark alone, called over HTTP. */
class OrdersAppTest {
  private static final ResolvedDependencies RESOLVED = ResolvedDependencies.read(Path.of("target/dependencies.txt"));

  @Test
  void timesRoutesAndStatementsOverHttp() throws Exception {
    Service http;
    try (CapturedStderr stderr = new CapturedStderr()) {
      http = OrdersApp.start(0);
      assertThat(stderr.lines()).noneMatch(l -> l.startsWith("perfwatch: no SLF4J provider"));
    }
    LoopbackClient client = new LoopbackClient(http.port());
    assertThat(client.get("/orders/1").body()).isEqualTo("12.50");
    assertThat(client.get("/orders/2").body()).isEqualTo("7.25");
    assertThat(client.get("/orders/3").body()).isEqualTo("0");

    String metrics = client.getUntilContains("/metrics", "uri=\"/orders/:id\"} 3");

    assertThat(metrics).contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/orders/:id\"} 3");
    assertThat(metrics).contains(
        "db_query_duration_seconds_count{operation=\"SELECT\",outcome=\"success\",table=\"orders\"} 3");
    http.stop();
  }

  @Test
  void resolvesOnePrometheusMetricsVersionAndThePatchedJetty() {
    assertThat(RESOLVED.versions("io.prometheus", "prometheus-metrics-"))
        .containsExactly(System.getProperty("expected.prometheus-metrics"));
    assertThat(RESOLVED.inGroup("org.eclipse.jetty")).isNotEmpty().allSatisfy(a -> assertThat(a.version())
        .as(a.toString()).isEqualTo(System.getProperty("expected.jetty")));
    assertThat(RESOLVED.versions("org.slf4j", "slf4j-api")).containsExactly(System.getProperty("expected.slf4j"));
  }
}
