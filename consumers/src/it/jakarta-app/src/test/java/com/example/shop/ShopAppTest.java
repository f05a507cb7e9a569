package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.testkit.CapturedStderr;
import io.perfwatch.testkit.LoopbackClient;
import io.perfwatch.testkit.ResolvedDependencies;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Jetty;
import org.junit.jupiter.api.Test;

/** The Jetty 12 app with perfwatch-bom imported, without an SLF4J provider, called over HTTP. */
class ShopAppTest {

  @Test
  void recordsRouteTemplatesAndTheStatusTheClientReceived() throws Exception {
    Server server;
    try (CapturedStderr stderr = new CapturedStderr()) {
      server = ShopApp.start(0);
      assertThat(stderr.lines()).filteredOn(l -> l.startsWith("perfwatch:")).containsExactly(
          "perfwatch: no SLF4J provider found, so perfwatch's warnings and alerts will not be visible; "
              + "add one to the app, e.g. org.slf4j:slf4j-simple");
    }
    LoopbackClient client = new LoopbackClient(server.getURI().getPort());
    assertThat(client.get("/products/1").body()).isEqualTo("lamp");
    assertThat(client.get("/products/2").body()).isEqualTo("desk");
    HttpResponse<String> missing = client.get("/products/3");
    assertThat(missing.statusCode()).isEqualTo(404);

    String metrics = client.getUntilContains("/metrics", "status=\"404\",uri=\"/products/:id\"} 1");

    assertThat(metrics).contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/products/:id\"} 2");
    assertThat(metrics).contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
        + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/products/:id\"} 1");
    server.stop();
  }

  @Test
  void keepsTheAppsOwnJetty() {
    ResolvedDependencies resolved = ResolvedDependencies.read(Path.of("target/dependencies.txt"));
    String expected = System.getProperty("expected.jetty");

    assertThat(Jetty.VERSION).isEqualTo(expected);
    assertThat(resolved.inGroup("org.eclipse.jetty")).isNotEmpty()
        .allSatisfy(a -> assertThat(a.version()).as(a.toString()).isEqualTo(expected));
    assertThat(resolved.versions("io.prometheus", "prometheus-metrics-"))
        .containsExactly(System.getProperty("expected.prometheus-metrics"));
  }
}
