package io.perfwatch.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerSinkTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
  private static final String GENERATOR = "http://perfwatch:8080/api/v1/performance/alerts";
  private static final AlertmanagerSettings FAST = new AlertmanagerSettings(Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(40), 3, 5, Duration.ofMillis(300));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private AlertmanagerSink sink;

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private URI serve(int... statuses) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v2/alerts", exchange -> {
      int n = requests.getAndIncrement();
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(n < statuses.length ? statuses[n] : 200, -1);
      exchange.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static Alert alert(String endpoint, AlertState state) {
    return new Alert("id-" + endpoint, "high-p95-latency", "latency", Severity.HIGH, state,
        Map.of("endpoint", endpoint), 4100, 2000, T0, state == AlertState.PENDING ? null : T0.plusSeconds(60),
        state == AlertState.RESOLVED ? T0.plusSeconds(600) : null, "p95 of " + endpoint + " is 4100 ms",
        "Add an index", Map.of("alertname", "high-p95-latency", "severity", "high", "team", "payments"), Map.of());
  }

  private double failures(String reason) {
    return registry.get("perfwatch.alertmanager.failures").tag("reason", reason).counter().count();
  }

  @Test
  void postsFiringAlertsEachCycleAndResolvedOnesOnceInTheV2Format() throws Exception {
    sink = new AlertmanagerSink(serve(), GENERATOR, FAST, registry);

    sink.cycle(List.of(alert("GET /a", AlertState.FIRING), alert("GET /b", AlertState.PENDING)));
    assertThat(bodies.poll(5, TimeUnit.SECONDS)).isEqualTo("[{\"labels\":{\"alertname\":\"high-p95-latency\","
        + "\"endpoint\":\"GET /a\",\"severity\":\"high\",\"team\":\"payments\"},\"annotations\":{\"recommendation\":"
        + "\"Add an index\",\"summary\":\"p95 of GET /a is 4100 ms\"},\"startsAt\":\"2026-01-15T10:30:00Z\","
        + "\"generatorURL\":\"" + GENERATOR + "\"}]");

    sink.transition(alert("GET /c", AlertState.RESOLVED));
    assertThat(bodies.poll(5, TimeUnit.SECONDS)).contains("\"endpoint\":\"GET /a\"").contains("\"endpoint\":"
        + "\"GET /c\"").contains("\"startsAt\":\"2026-01-15T10:30:00Z\",\"endsAt\":\"2026-01-15T10:40:00Z\"");
  }

  @Test
  void retriesAfterAServerError() throws Exception {
    sink = new AlertmanagerSink(serve(500), GENERATOR, FAST, registry);

    sink.transition(alert("GET /c", AlertState.RESOLVED));

    await().atMost(Duration.ofSeconds(5)).until(() -> requests.get() == 2);
    assertThat(bodies.take()).isEqualTo(bodies.take());
    assertThat(failures("gave_up")).isEqualTo(0.0);
  }

  @Test
  void anUnresponsiveAlertmanagerNeverBlocksEvaluationAndNothingQueuesWithoutLimit() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50)) {
      sink = new AlertmanagerSink(URI.create("http://127.0.0.1:" + silent.getLocalPort()), null, FAST, registry);

      long start = System.nanoTime();
      sink.cycle(List.of(alert("GET /a", AlertState.FIRING)));
      for (int i = 0; i < 1_000; i++) {
        sink.transition(alert("GET /" + i, AlertState.RESOLVED));
        sink.cycle(List.of(alert("GET /a", AlertState.FIRING)));
      }
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(elapsedMillis).isLessThan(500);
      assertThat(sink.queuedResolved()).isEqualTo(5);
      assertThat(failures("dropped")).isGreaterThanOrEqualTo(990.0);
      await().atMost(Duration.ofSeconds(10)).until(() -> failures("gave_up") >= 1.0);
    }
  }

  @Test
  void theUrlComesFromTheEnvironment() {
    assertThat(AlertmanagerSink.fromEnv(Map.of(), null, registry)).isEmpty();
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> AlertmanagerSink.fromEnv(Map.of("PERFORMANCE_ALERTMANAGER_URL", "alertmanager:9093"), null,
            registry))
        .withMessage("PERFORMANCE_ALERTMANAGER_URL='alertmanager:9093' is invalid: expected an http(s) URL such as "
            + "http://alertmanager:9093");
  }
}
