package com.example.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.testkit.CapturedStderr;
import io.perfwatch.testkit.LoopbackClient;
import io.perfwatch.testkit.ResolvedDependencies;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The Jetty 9.4 app with perfwatch-servlet, without an SLF4J provider, called over HTTP. */
class InventoryAppTest {

  @Test
  void recordsRoutesBelowTheContextPathAndTheAppsExceptions() throws Exception {
    Server server;
    try (CapturedStderr stderr = new CapturedStderr()) {
      server = InventoryApp.start(0);
      assertThat(stderr.lines()).filteredOn(l -> l.startsWith("perfwatch:")).singleElement()
          .satisfies(l -> assertThat(l).startsWith("perfwatch: no SLF4J provider found"));
    }
    LoopbackClient client = new LoopbackClient(server.getURI().getPort());
    assertThat(client.get("/inventory/items/ab-12/stock").body()).isEqualTo("50");
    assertThat(client.get("/inventory/items/broken-1/stock").statusCode()).isEqualTo(500);

    String metrics = client.getUntilContains("/inventory/metrics", "exception=\"IllegalStateException\"");

    assertThat(metrics).contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/items/:sku/stock\"} 1");
    assertThat(metrics).contains("http_server_requests_seconds_count{exception=\"IllegalStateException\","
        + "method=\"GET\",outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/items/:sku/stock\"} 1");
    server.stop();
  }

  @Test
  void resolvesOnePrometheusMetricsVersionWithoutTheBom() {
    ResolvedDependencies resolved = ResolvedDependencies.read(Path.of("target/dependencies.txt"));

    assertThat(resolved.versions("io.prometheus", "prometheus-metrics-"))
        .containsExactly(System.getProperty("expected.prometheus-metrics"));
    assertThat(resolved.versions("org.eclipse.jetty", "jetty-server"))
        .containsExactly(System.getProperty("expected.jetty"));
  }
}
