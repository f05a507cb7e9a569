package io.perfwatch.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.perfwatch.service.Main;
import io.perfwatch.service.reliability.RawHttp;
import io.perfwatch.service.reliability.ServiceProcess;
import io.perfwatch.testkit.LoopbackClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tag;

/**
 * {@link ApiFuzzTest} over a fleet: the service (its own JVM, port 0) scrapes two {@code orders} replicas and one
 * {@code users} instance (HTTP servers on port 0), and the generated requests add {@code job} and
 * {@code instance}, watched names or any other text. Every answer is documented (a 404 for a name no target has),
 * no 5xx, no stack trace in an answer or in the service's log.
 */
@Tag("reliability")
class FleetApiFuzzTest {
  private static final long SEED = 23L;
  private static final int REQUESTS = 800;
  private static final int AUTH_REQUESTS = 40;
  private static final String TOKEN = "fleet-fuzz-token-0123456789";
  private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|^Caused by: ");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Example
  void everyFleetAnswerIsDocumented() throws Exception {
    List<HttpServer> targets = List.of(target(0), target(1), target(0));
    List<String> instances = targets.stream().map(t -> "127.0.0.1:" + t.getAddress().getPort()).toList();
    OpenApiSpec spec = OpenApiSpec.load();
    FuzzRequests requests = new FuzzRequests(spec, TOKEN, Map.of("job", List.of("orders", "users"),
        "instance", instances));
    FuzzChecks checks = new FuzzChecks(spec);
    Random random = new Random(SEED);
    ServiceProcess service = new ServiceProcess(Main.class, Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN, "PERFORMANCE_SCRAPE_INTERVAL_SECONDS", "1", "PERFORMANCE_SCRAPE_TARGETS",
        "orders=http://" + instances.get(0) + "/metrics,orders=http://" + instances.get(1) + "/metrics,"
            + "users=http://" + instances.get(2) + "/metrics"), Files.createTempDirectory("fleet-fuzz"));
    try {
      LoopbackClient client = new LoopbackClient(service.baseUri());
      await().atMost(Duration.ofSeconds(60)).until(() -> ApiClient.json(client.get(PerformanceRoutes.BASE
          + "/metrics?minutes=5")).at("/requests/total_requests").asLong() >= 20);

      RandomGenerator<FuzzRequest> main = requests.requests().generatorWithEmbeddedEdgeCases(100);
      for (int i = 0; i < REQUESTS; i++) {
        send(service, checks, i, main.next(random).value());
      }
      RandomGenerator<FuzzRequest> auth = requests.authVariants().generator(100);
      for (int i = 0; i < AUTH_REQUESTS; i++) {
        send(service, checks, REQUESTS + i, auth.next(random).value());
      }

      assertThat(checks.report()).as("seed %d", SEED).isEmpty();
      assertThat(checks.counts()).containsKeys("valid 200", "valid 404", "invalid 400");
    } finally {
      service.close();
      targets.forEach(t -> t.stop(0));
    }
    String log = service.output();
    System.out.println("Fleet API fuzz, seed " + SEED + ": " + checks.checked() + " requests " + checks.counts());
    assertThat(checks.checked()).isEqualTo(REQUESTS + AUTH_REQUESTS);
    assertThat(STACK_TRACE.matcher(log).find()).as(log).isFalse();
    assertThat(log).doesNotContain("internal error");
  }

  private static void send(ServiceProcess service, FuzzChecks checks, int index, FuzzRequest request) {
    checks.check(index, request, RawHttp.exchange(service.port(), request.head(), request.body(), TIMEOUT));
  }

  /** A service with two routes, 10 more requests per scrape, {@code failing} of them 500s. */
  private static HttpServer target(long failing) throws IOException {
    AtomicLong scrapes = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      long n = scrapes.getAndIncrement();
      StringBuilder body = new StringBuilder("# TYPE http_server_requests_seconds histogram\n");
      series(body, "/api/items/:id", "200", "SUCCESS", 10 * n - failing * n);
      series(body, "/api/items/:id", "500", "SERVER_ERROR", failing * n);
      series(body, "/api/users/:id", "200", "SUCCESS", 5 * n);
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static void series(StringBuilder out, String uri, String status, String outcome, long n) {
    String labels = "method=\"GET\",outcome=\"" + outcome + "\",status=\"" + status + "\",uri=\"" + uri + "\"";
    out.append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"0.05\"} ").append(n).append('\n')
        .append("http_server_requests_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ").append(n).append('\n')
        .append("http_server_requests_seconds_count{").append(labels).append("} ").append(n).append('\n')
        .append("http_server_requests_seconds_sum{").append(labels).append("} ").append(n * 0.02).append('\n');
  }
}
