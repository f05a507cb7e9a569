package io.perfwatch.exporter.internal.jdbc;

import static io.perfwatch.exporter.internal.jdbc.Orders.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.NPlusOneFinding;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * N+1 detection once {@code PERFORMANCE_MAX_QUERY_FINGERPRINTS} is reached: findings come from each request's full
 * fingerprints; the cap only turns what is stored and exported into {@code OTHER}, and each such recording counts in
 * {@code perfwatch_dropped_series_total}.
 */
class NPlusOneAtTheCapTest {
  private static final int CAP = 2;
  private static final String ROUTE = "/customers/:id/orders";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<DatabaseMetrics> statements = new CopyOnWriteArrayList<>();
  private final List<NPlusOneFinding> findings = new CopyOnWriteArrayList<>();
  private final JdbcDataSource h2 = new JdbcDataSource();
  private JdbcMetrics metrics;
  private DataSource dataSource;

  @BeforeEach
  void fillTheFingerprintCap() throws SQLException {
    h2.setURL("jdbc:h2:mem:n_plus_one_cap;DB_CLOSE_DELAY=-1");
    Orders.recreateTables(h2);
    metrics = new JdbcMetrics(registry, PerfWatchConfig.builder().maxQueryFingerprints(CAP).build(), statements::add,
        findings::add);
    dataSource = metrics.wrap(h2);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1").close();
      s.executeQuery("SELECT 2 AS two").close();
    }
    statements.clear();
  }

  @AfterEach
  void leaveNoRequestBehind() {
    RequestQueries q = RequestQueries.current();
    if (q != null) {
      q.end();
    }
  }

  @Test
  void aQueryRepeatedBeyondTheCapIsAFindingUnderOther() throws SQLException {
    RequestQueries q = RequestQueries.begin(null).route("GET", ROUTE);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (int id = 1; id <= 16; id++) {
        s.executeQuery("SELECT * FROM pw_orders WHERE id = " + id).close(); // literals: never cached
      }
      for (int id = 1; id <= 5; id++) {
        select(c, "SELECT amount FROM pw_orders WHERE customer = ?", id); // no literal: cached per text
      }
    }
    List<NPlusOneFinding> result = metrics.endRequest(q, "GET", ROUTE, 42L);

    assertThat(result).extracting(NPlusOneFinding::fingerprint, NPlusOneFinding::table, NPlusOneFinding::repeats)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("OTHER", "pw_orders", 16),
            org.assertj.core.groups.Tuple.tuple("OTHER", "pw_orders", 5));
    assertThat(findings).isEqualTo(result);
    assertThat(sample("db_n_plus_one_total", Map.of("method", "GET", "uri", ROUTE, "table", "pw_orders")))
        .isEqualTo(2);
    assertThat(statements).hasSize(21).extracting(DatabaseMetrics::normalizedSql).containsOnly("OTHER");
    assertThat(sample("perfwatch_dropped_series_total", Map.of("label", "query_fingerprint"))).isEqualTo(21);
  }

  @Test
  void differentStatementsBeyondTheCapAreNotMergedIntoOneFinding() throws SQLException {
    RequestQueries q = RequestQueries.begin(null).route("GET", ROUTE);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (int id = 1; id <= 3; id++) {
        s.executeQuery("SELECT id FROM pw_orders WHERE id = " + id).close();
        s.executeQuery("SELECT customer FROM pw_orders WHERE id = " + id).close();
      }
    }

    assertThat(metrics.endRequest(q, "GET", ROUTE, 42L)).isEmpty();
    assertThat(sample("perfwatch_dropped_series_total", Map.of("label", "query_fingerprint"))).isEqualTo(6);
  }

  @Test
  void statementsWithinTheCapAreNeitherOtherNorDropped() throws SQLException {
    RequestQueries q = RequestQueries.begin(null).route("GET", ROUTE);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < 5; i++) {
        s.executeQuery("SELECT 1").close();
      }
    }

    assertThat(metrics.endRequest(q, "GET", ROUTE, 42L)).extracting(NPlusOneFinding::fingerprint)
        .containsExactly("SELECT ?");
    assertThat(sample("perfwatch_dropped_series_total", Map.of("label", "query_fingerprint"))).isZero();
  }

  private double sample(String name, Map<String, String> labels) {
    return PrometheusSamples.value(registry.scrape(), name, labels);
  }
}
