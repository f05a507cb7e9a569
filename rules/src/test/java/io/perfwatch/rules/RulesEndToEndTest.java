package io.perfwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.engine.RuleEngine;
import io.perfwatch.rules.source.StoreSource;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleSet;
import io.perfwatch.spark.SparkPerfWatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spark.Service;

/**
 * Real traffic through an instrumented Spark app on H2, evaluated by rules parsed from YAML: alerts appear with the
 * right rule, severity, scope and value, escalate, resolve, and healthy traffic raises none.
 */
class RulesEndToEndTest {
  private static final String RULES = """
      groups:
        - name: e2e
          interval: 30s
          rules:
            - name: slow-endpoint
              detector: latency
              metric: avg
              threshold: 50
              window: 5m
              min_requests: 5
              severity: {low: 1.0, medium: 2.0, high: 4.0}
            - name: failing-endpoint
              detector: error_rate
              threshold: 10
              window: 5m
              min_requests: 5
              severity: {low: 1.0, critical: 4.0001}
            - name: slow-statement
              detector: slow_query
              metric: avg
              threshold: 20
              window: 5m
              min_requests: 3
              severity: {low: 1.0, high: 2.0}
            - name: n-plus-one
              detector: n_plus_one
              threshold: 1
              window: 5m
              severity: medium
      """;

  private final PerfWatch perfwatch = PerfWatch.builder().build();
  private final HttpClient client = HttpClient.newHttpClient();
  private final RuleSet rules = new RuleFileParser(Map.of()).parse(RULES, "e2e.yml");
  private final AlertTracker tracker = new AlertTracker(Clock.systemUTC(), HistoryLimits.defaults(), List.of());
  private final RuleEngine engine = new RuleEngine(new StoreSource(perfwatch.stats()), tracker,
      new SimpleMeterRegistry());
  private Service http;
  private long sent;

  @BeforeEach
  void start() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rules_e2e;DB_CLOSE_DELAY=-1");
    DataSource db = perfwatch.wrap(h2);
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS IF NOT EXISTS PAUSE FOR 'io.perfwatch.rules.SqlPause.pause'");
      s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, user_id BIGINT)");
      s.execute("MERGE INTO orders KEY (id) SELECT x, 1 FROM SYSTEM_RANGE(1, 6)");
    }
    http = Service.ignite().port(0);
    SparkPerfWatch.instrument(perfwatch, http);
    http.get("/api/fast", (req, res) -> "fast");
    http.get("/api/slow", (req, res) -> SqlPause.pause(Integer.parseInt(req.queryParams("ms"))));
    http.get("/api/status/:code", (req, res) -> {
      res.status(Integer.parseInt(req.params("code")));
      return "status";
    });
    http.get("/api/users/:id/orders", (req, res) -> {
      try (Connection c = db.getConnection();
          PreparedStatement one = c.prepareStatement("SELECT user_id FROM orders WHERE id = ?")) {
        for (long id = 1; id <= 6; id++) { // one query per order: the N+1
          one.setLong(1, id);
          try (ResultSet r = one.executeQuery()) {
            r.next();
          }
        }
      }
      return "orders";
    });
    http.get("/api/report", (req, res) -> {
      try (Connection c = db.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT PAUSE(30) FROM orders WHERE id = 1")) {
        r.next();
        return "report";
      }
    });
    http.awaitInitialization();
  }

  @AfterEach
  void stop() {
    http.stop();
    http.awaitStop();
  }

  private void send(String path, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
          HttpResponse.BodyHandlers.discarding());
    }
    sent += times;
    await().atMost(Duration.ofSeconds(10)).until(() -> perfwatch.stats().live().requestsTotal() >= sent);
  }

  private Optional<Alert> active(String rule) {
    engine.evaluate(rules);
    return tracker.active().stream().filter(a -> a.rule().equals(rule)).findFirst();
  }

  @Test
  void healthyTrafficRaisesNothing() throws Exception {
    send("/api/fast", 30);
    send("/api/status/200", 10);

    assertThat(engine.evaluate(rules)).isEmpty();
    assertThat(engine.lastErrors()).isEmpty();
  }

  @Test
  void slowEndpointFiresEscalatesAndResolves() throws Exception {
    send("/api/fast", 10);
    send("/api/slow?ms=60", 10);

    Alert low = active("slow-endpoint").orElseThrow();
    assertThat(low.scope()).isEqualTo(Map.of("method", "GET", "uri", "/api/slow"));
    assertThat(low.severity()).isEqualTo(Severity.LOW);
    assertThat(low.state()).isEqualTo(AlertState.FIRING);
    assertThat(low.value()).isBetween(60.0, 100.0);

    send("/api/slow?ms=250", 10); // average now about (600 + 2500) / 20 = 155 ms: at least 2x the threshold
    Alert medium = active("slow-endpoint").orElseThrow();
    assertThat(medium.id()).isEqualTo(low.id());
    assertThat(medium.severity()).isEqualTo(Severity.MEDIUM);

    send("/api/slow?ms=0", 300); // average falls to about 10 ms
    assertThat(active("slow-endpoint")).isEmpty();
    assertThat(tracker.history()).filteredOn(a -> a.id().equals(low.id()))
        .extracting(Alert::state).containsExactly(AlertState.RESOLVED);
  }

  @Test
  void errorRateAboveFourTimesTheThresholdIsCriticalWithTheStatusCodes() throws Exception {
    send("/api/status/500", 10);
    send("/api/status/200", 10);

    Alert alert = active("failing-endpoint").orElseThrow();
    assertThat(alert.scope()).isEqualTo(Map.of("method", "GET", "uri", "/api/status/:code"));
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.value()).isEqualTo(50.0);
    assertThat(alert.details()).containsEntry("status_codes", Map.of("500", 10L)).containsEntry("requests", 20L);

    send("/api/status/200", 100); // 10 of 120 = 8.3 %
    assertThat(active("failing-endpoint")).isEmpty();
  }

  @Test
  void nPlusOneRouteRaisesAMediumAlertNamingTableAndFingerprint() throws Exception {
    send("/api/users/1/orders", 2);

    Alert alert = active("n-plus-one").orElseThrow();
    assertThat(alert.scope()).isEqualTo(Map.of("method", "GET", "uri", "/api/users/:id/orders", "table", "orders"));
    assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(alert.value()).isEqualTo(2.0);
    assertThat(alert.details()).containsEntry("fingerprint", "SELECT user_id FROM orders WHERE id = ?");
  }

  @Test
  void slowStatementNamesItsTable() throws Exception {
    send("/api/report", 3);

    Alert alert = active("slow-statement").orElseThrow();
    assertThat(alert.scope()).containsEntry("table", "orders");
    assertThat(alert.value()).isGreaterThanOrEqualTo(30.0);
    assertThat(alert.details()).containsEntry("operation", "SELECT");
    assertThat(alert.recommendation()).contains("orders");
  }
}
