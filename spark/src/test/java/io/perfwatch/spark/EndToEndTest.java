package io.perfwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.exporter.store.WindowStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spark.Service;

/** A Spark app on H2, instrumented as a user would do it, called over HTTP; checks metrics, store and logs. */
class EndToEndTest {
  private static final String EMAIL = "alice@example.com";
  private static final String CARD = "4111111111111111";

  private final PerfWatch perfwatch = PerfWatch.builder()
      .config(PerfWatchConfig.builder().slowRequestThresholdMs(0.001).verySlowRequestThresholdMs(0.002).build())
      .build();
  private final HttpClient client = HttpClient.newHttpClient();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private Service http;
  private DataSource db;

  @BeforeEach
  void start() throws Exception {
    originalErr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:end_to_end;DB_CLOSE_DELAY=-1");
    db = perfwatch.wrap(h2);
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS customers (id BIGINT PRIMARY KEY, email VARCHAR(100), card VARCHAR(20))");
      s.execute("MERGE INTO customers KEY (id) VALUES (1, '" + EMAIL + "', '" + CARD + "')");
      s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, customer_id BIGINT)");
      s.execute("MERGE INTO orders KEY (id) SELECT x, 1 FROM SYSTEM_RANGE(1, 6)");
    }
    http = Service.ignite().port(0);
    SparkPerfWatch.instrument(perfwatch, http);
    SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
    http.get("/api/customers/:id/orders", (req, res) -> {
      int found = 0;
      try (Connection c = db.getConnection();
          PreparedStatement ids = c.prepareStatement("SELECT id FROM orders WHERE customer_id = ?");
          PreparedStatement one = c.prepareStatement("SELECT customer_id FROM orders WHERE id = ?")) {
        ids.setLong(1, Long.parseLong(req.params("id")));
        try (ResultSet r = ids.executeQuery()) {
          while (r.next()) {
            one.setLong(1, r.getLong(1));
            try (ResultSet o = one.executeQuery()) {
              found += o.next() ? 1 : 0;
            }
          }
        }
      }
      return "orders: " + found;
    });
    http.get("/api/customers/lookup", (req, res) -> {
      try (Connection c = db.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT id FROM customers WHERE email = '" + EMAIL + "' AND card = '"
              + CARD + "'")) {
        return r.next() ? "found" : "none";
      }
    });
    http.get("/api/customers/bind", (req, res) -> {
      try (Connection c = db.getConnection();
          PreparedStatement s = c.prepareStatement("/* caller alice@example.com */ SELECT COUNT(*) FROM customers "
              + "WHERE email = ?")) {
        s.setString(1, req.queryParams("email"));
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return Integer.toString(r.getInt(1));
        }
      }
    });
    http.get("/api/customers/broken", (req, res) -> {
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT nosuchcolumn FROM customers WHERE card = '" + CARD + "'");
        return "succeeded";
      } catch (java.sql.SQLException e) { // the message quotes the SQL, literal included
        return "failed";
      }
    });
    http.awaitInitialization();
  }

  @AfterEach
  void stop() {
    System.setErr(originalErr);
    http.stop();
    http.awaitStop();
  }

  private String get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void countsQueriesPerRequestAndReportsTheNPlusOne() throws Exception {
    assertThat(get("/api/customers/1/orders")).isEqualTo("orders: 6");
    assertThat(get("/api/customers/1/orders")).isEqualTo("orders: 6");
    Recorded.awaitRequests(perfwatch, 2);

    String scrape = get("/metrics");
    assertThat(scrape).contains(
        "db_n_plus_one_total{method=\"GET\",table=\"orders\",uri=\"/api/customers/:id/orders\"} 2.0",
        "db_queries_per_request_count{method=\"GET\",uri=\"/api/customers/:id/orders\"} 2",
        "db_queries_per_request_sum{method=\"GET\",uri=\"/api/customers/:id/orders\"} 14.0");
    WindowStats window = perfwatch.stats().window(Duration.ofMinutes(5));
    EndpointStats endpoint = window.endpoint("GET", "/api/customers/:id/orders").orElseThrow();
    assertThat(endpoint.count()).isEqualTo(2);
    assertThat(endpoint.avgQueriesPerRequest()).isEqualTo(7.0);
    assertThat(endpoint.nPlusOneCount()).isEqualTo(2);
    assertThat(window.nPlusOne()).extracting(NPlusOneFinding::route, NPlusOneFinding::table,
        NPlusOneFinding::fingerprint, NPlusOneFinding::repeats).containsOnly(org.assertj.core.groups.Tuple.tuple(
            "/api/customers/:id/orders", "orders", "SELECT customer_id FROM orders WHERE id = ?", 6));
    assertThat(perfwatch.stats().recentRequests()).allSatisfy(r -> assertThat(r.queryNanos()).isPositive());
    assertThat(perfwatch.stats().live().instrumentationErrors()).isZero();
  }

  @Test
  void literalValuesNeverReachMetricsStoreOrLogs() throws Exception {
    assertThat(get("/api/customers/lookup")).isEqualTo("found");
    assertThat(get("/api/customers/bind?email=" + EMAIL)).isEqualTo("1");
    assertThat(get("/api/customers/broken")).isEqualTo("failed");
    Recorded.awaitRequests(perfwatch, 3);

    String scrape = get("/metrics");
    WindowStats window = perfwatch.stats().window(Duration.ofMinutes(5));
    String stored = window.toString() + perfwatch.stats().recentQueries() + perfwatch.stats().recentRequests()
        + PerfWatchInternals.of(perfwatch).store().recentNPlusOne();
    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("request: GET /api/customers/lookup status=200"); // the slow-request log did run
    assertThat(window.queries()).extracting(q -> q.fingerprint())
        .contains("SELECT id FROM customers WHERE email = ? AND card = ?",
            "SELECT COUNT(*) FROM customers WHERE email = ?", "SELECT nosuchcolumn FROM customers WHERE card = ?");
    assertThat(perfwatch.stats().recentQueries()).extracting(q -> q.outcome()).contains("42S22");
    for (String text : new String[] {scrape, stored, logged}) {
      // A prefix of the card, long enough that no timestamp or duration contains it by chance ("4111" did).
      assertThat(text).doesNotContain(EMAIL, "alice", CARD, CARD.substring(0, 8));
    }
  }
}
