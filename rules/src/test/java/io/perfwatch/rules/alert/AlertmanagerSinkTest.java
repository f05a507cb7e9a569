package io.perfwatch.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerSinkTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
  private static final Function<Alert, URI> GENERATOR =
      a -> URI.create("http://perfwatch:8080/api/v1/performance/alerts/" + a.id());
  private static final AlertmanagerSettings FAST = settings(Duration.ofSeconds(5), Duration.ofMinutes(1));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CountDownLatch release = new CountDownLatch(1);
  private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private AlertmanagerSink sink;

  private static AlertmanagerSettings settings(Duration requestTimeout, Duration resendDelay) {
    return new AlertmanagerSettings(Duration.ofMillis(500), requestTimeout, Duration.ofMillis(10),
        Duration.ofMillis(40), 3, 5, Duration.ofMillis(300), resendDelay);
  }

  @AfterEach
  void stop() {
    release.countDown();
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
      arrivals.add(System.nanoTime());
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(n < statuses.length ? statuses[n] : 200, -1);
      exchange.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static Alert alert(String uri, AlertState state, Map<String, String> details) {
    return new Alert("id-" + uri.substring(1), "slow-query", "slow_query", Severity.HIGH, state,
        Map.of("operation", "SELECT", "table", "t", "query", "0123456789ab", "uri", uri), 4100, 2000, T0,
        state == AlertState.PENDING ? null : T0.plusSeconds(60), state == AlertState.RESOLVED
        ? T0.plusSeconds(600) : null, "SELECT on t is slow", "Add an index",
        Map.of("alertname", "slow-query", "severity", "high", "team", "payments"), details);
  }

  private static Alert alert(String uri, AlertState state) {
    return alert(uri, state, Map.of());
  }

  private static Cycle cycle(Instant at, Alert... active) {
    return new Cycle(at, List.of(active), Map.of("slow-query", Duration.ofSeconds(30)));
  }

  private double failures(String reason) {
    return registry.get("perfwatch.alertmanager.failures").tag("reason", reason).counter().count();
  }

  @Test
  void postsFiringAlertsInTheV2FormatWithTheFingerprintAsAnAnnotation() throws Exception {
    sink = new AlertmanagerSink(serve(), GENERATOR, FAST, registry);

    sink.cycle(cycle(T0.plusSeconds(60), alert("/a", AlertState.FIRING, Map.of("fingerprint",
        "SELECT * FROM t WHERE id = ?", "count", "7")), alert("/b", AlertState.PENDING)));

    assertThat(bodies.poll(5, TimeUnit.SECONDS)).isEqualTo("[{\"labels\":{\"alertname\":\"slow-query\","
        + "\"operation\":\"SELECT\",\"query\":\"0123456789ab\",\"severity\":\"high\",\"table\":\"t\","
        + "\"team\":\"payments\",\"uri\":\"/a\"},\"annotations\":{\"fingerprint\":\"SELECT * FROM t WHERE id = ?\","
        + "\"recommendation\":\"Add an index\",\"summary\":\"SELECT on t is slow\"},"
        + "\"startsAt\":\"2026-01-15T10:31:00Z\",\"endsAt\":\"2026-01-15T10:35:00Z\","
        + "\"generatorURL\":\"http://perfwatch:8080/api/v1/performance/alerts/id-a\"}]");
  }

  @Test
  void aResolvedAlertIsPostedOnceWithItsResolveTime() throws Exception {
    sink = new AlertmanagerSink(serve(), GENERATOR, FAST, registry);
    sink.cycle(cycle(T0.plusSeconds(60), alert("/a", AlertState.FIRING)));
    assertThat(bodies.poll(5, TimeUnit.SECONDS)).contains("\"endsAt\":\"2026-01-15T10:35:00Z\"");

    sink.transition(alert("/a", AlertState.RESOLVED));
    sink.cycle(cycle(T0.plusSeconds(600)));

    await().atMost(Duration.ofSeconds(10)).until(() -> bodies.stream().anyMatch(b -> b.contains("\"uri\":\"/a\"")
        && b.contains("\"startsAt\":\"2026-01-15T10:31:00Z\",\"endsAt\":\"2026-01-15T10:40:00Z\"")));
  }

  @Test
  void firingAlertsAreResentEveryResendDelayAndNoSooner() throws Exception {
    Duration resend = Duration.ofMillis(400);
    sink = new AlertmanagerSink(serve(), GENERATOR, settings(Duration.ofSeconds(5), resend), registry);

    sink.cycle(cycle(T0.plusSeconds(60), alert("/a", AlertState.FIRING)));
    for (int i = 0; i < 5; i++) {
      sink.cycle(cycle(T0.plusSeconds(60), alert("/a", AlertState.FIRING))); // unchanged: nothing new to post
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> arrivals.size() >= 3);
    long first = arrivals.take();
    long second = arrivals.take();
    long third = arrivals.take();
    // timed from the send, seen at arrival: the first post also opened the connection, so allow that much
    assertThat(second - first).isGreaterThanOrEqualTo(resend.toNanos() - 100_000_000);
    assertThat(third - second).isGreaterThanOrEqualTo(resend.toNanos() - 100_000_000);
    assertThat(bodies.take()).isEqualTo(bodies.take()).contains("\"endsAt\":\"2026-01-15T10:33:00Z\""); // 4 x 30 s
  }

  @Test
  void retriesAfterAServerError() throws Exception {
    sink = new AlertmanagerSink(serve(500), GENERATOR, FAST, registry);

    sink.cycle(cycle(T0.plusSeconds(60), alert("/a", AlertState.FIRING)));

    await().atMost(Duration.ofSeconds(5)).until(() -> requests.get() == 2);
    assertThat(bodies.take()).isEqualTo(bodies.take());
    assertThat(failures("gave_up")).isEqualTo(0.0);
  }

  @Test
  void aStuckAlertmanagerNeverBlocksEvaluationAndEndedAlertsQueueUpToTheLimit() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v2/alerts", exchange -> {
      requests.incrementAndGet();
      try {
        release.await(30, TimeUnit.SECONDS); // hangs past the request timeout, until the test ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    sink = new AlertmanagerSink(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), GENERATOR,
        settings(Duration.ofMillis(500), Duration.ofMinutes(1)), registry);
    Alert[] firing = new Alert[1_000];
    for (int i = 0; i < firing.length; i++) {
      firing[i] = alert("/" + i, AlertState.FIRING);
    }
    sink.cycle(cycle(T0.plusSeconds(60), firing));
    await().atMost(Duration.ofSeconds(5)).until(() -> requests.get() == 1); // all 1,000 were sent: they must end

    long start = System.nanoTime();
    for (int i = 0; i < firing.length; i++) {
      sink.transition(alert("/" + i, AlertState.RESOLVED));
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMillis).isLessThan(500);
    assertThat(failures("dropped")).isEqualTo(995.0);
    assertThat(sink.queuedEnded()).isLessThanOrEqualTo(5);
    await().atMost(Duration.ofSeconds(20)).until(() -> failures("gave_up") >= 1.0);
  }

  @Test
  void theUrlComesFromTheEnvironment() {
    assertThat(AlertmanagerSink.fromEnv(Map.of(), GENERATOR, registry)).isEmpty();
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> AlertmanagerSink.fromEnv(Map.of("PERFORMANCE_ALERTMANAGER_URL", "alertmanager:9093"),
            GENERATOR, registry))
        .withMessage("PERFORMANCE_ALERTMANAGER_URL='alertmanager:9093' is invalid: expected an http(s) URL such as "
            + "http://alertmanager:9093");
  }
}
