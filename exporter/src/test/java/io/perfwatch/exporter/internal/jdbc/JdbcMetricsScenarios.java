package io.perfwatch.exporter.internal.jdbc;

import static io.perfwatch.exporter.internal.jdbc.Orders.insertOrders;
import static io.perfwatch.exporter.internal.jdbc.Orders.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.NPlusOneFinding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same behaviour against every database: subclasses supply the real DataSource. */
abstract class JdbcMetricsScenarios {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final List<DatabaseMetrics> statements = new CopyOnWriteArrayList<>();
  final List<NPlusOneFinding> findings = new CopyOnWriteArrayList<>();
  JdbcMetrics metrics;
  DataSource dataSource;

  abstract DataSource rawDataSource();

  @BeforeEach
  void createTables() throws SQLException {
    Orders.recreateTables(rawDataSource());
    metrics = new JdbcMetrics(registry, PerfWatchConfig.defaults(), statements::add, findings::add);
    dataSource = metrics.wrap(rawDataSource());
  }

  @AfterEach
  void leaveNoRequestBehind() {
    RequestQueries q = RequestQueries.current();
    if (q != null) {
      q.end();
    }
  }

  @Test
  void countsStatementsPerOperationTableAndOutcome() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      insertOrders(c, 3);
      select(c, "SELECT * FROM pw_orders WHERE id = ?", 1);
      select(c, "SELECT * FROM pw_orders WHERE id = ?", 2);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE pw_orders SET amount = amount + 1 WHERE id = 1");
        s.execute("DELETE FROM pw_orders WHERE id = 3");
      }
    }
    assertThat(count("INSERT", "pw_orders", "success")).isEqualTo(3);
    assertThat(count("SELECT", "pw_orders", "success")).isEqualTo(2);
    assertThat(count("UPDATE", "pw_orders", "success")).isEqualTo(1);
    assertThat(count("DELETE", "pw_orders", "success")).isEqualTo(1);
    assertThat(statements).hasSize(7);
  }

  @Test
  void failedStatementIsRecordedWithSqlStateAndErrorOutcome() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      insertOrders(c, 1);
      assertThatExceptionOfType(SQLException.class).isThrownBy(() -> insertOrders(c, 1));
    }
    DatabaseMetrics failed = statements.get(1);
    assertThat(failed.outcome()).isEqualTo("23505"); // unique violation, in H2 and PostgreSQL alike
    assertThat(failed.isError()).isTrue();
    assertThat(failed.rowsAffected()).isEqualTo(-1);
    assertThat(count("INSERT", "pw_orders", "error")).isEqualTo(1);
    assertThat(count("INSERT", "pw_orders", "success")).isEqualTo(1);
  }

  @Test
  void rowsAffectedComeFromUpdateCountsAndBatchSums() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      insertOrders(c, 3);
      try (PreparedStatement batch = c.prepareStatement("INSERT INTO pw_orders (id, customer, amount) VALUES (?, ?, ?)")) {
        for (int id = 10; id < 14; id++) {
          batch.setInt(1, id);
          batch.setString(2, "c" + id);
          batch.setBigDecimal(3, java.math.BigDecimal.ONE);
          batch.addBatch();
        }
        batch.executeBatch();
      }
      try (PreparedStatement update = c.prepareStatement("UPDATE pw_orders SET amount = amount * 2 WHERE id < ?")) {
        update.setInt(1, 10);
        update.executeUpdate();
      }
      select(c, "SELECT * FROM pw_orders WHERE id = ?", 1);
    }
    assertThat(statements).extracting(DatabaseMetrics::rowsAffected).containsExactly(1L, 1L, 1L, 4L, 3L, -1L);
  }

  @Test
  void connectionAcquisitionIsRecordedAndActiveConnectionsReturnToZero() throws SQLException {
    Connection c = dataSource.getConnection();
    assertThat(metrics.activeConnections()).isEqualTo(1);
    assertThat(sample("db_connections_active", Map.of())).isEqualTo(1);
    select(c, "SELECT * FROM pw_orders WHERE id = ?", 1);
    c.close();
    c.close(); // a second close must not count twice

    assertThat(metrics.activeConnections()).isZero();
    assertThat(sample("db_connections_active", Map.of())).isZero();
    assertThat(sample("db_connection_acquire_seconds_count", Map.of())).isEqualTo(1);
    assertThat(statements.get(0).connectionNanos()).isPositive();
  }

  @Test
  void failedGetConnectionCountsNothing() {
    JdbcDataSource missing = new JdbcDataSource();
    missing.setURL("jdbc:h2:mem:does_not_exist;IFEXISTS=TRUE");
    DataSource wrapped = metrics.wrap(missing);

    assertThatExceptionOfType(SQLException.class).isThrownBy(wrapped::getConnection);
    assertThat(metrics.activeConnections()).isZero();
    assertThat(sample("db_connection_acquire_seconds_count", Map.of())).isZero();
  }

  @Test
  void requestCountsItsStatementsAndTheirTime() throws SQLException {
    RequestQueries q = RequestQueries.begin("acme").route("GET", "/orders/:id");
    try (Connection c = dataSource.getConnection()) {
      insertOrders(c, 2);
      select(c, "SELECT * FROM pw_orders WHERE id = ?", 1);
    }
    assertThat(q.count()).isEqualTo(3);
    assertThat(q.nanos()).isEqualTo(statements.stream().mapToLong(DatabaseMetrics::durationNanos).sum()).isPositive();
    assertThat(statements).allSatisfy(s -> {
      assertThat(s.tenantId()).isEqualTo("acme");
      assertThat(s.route()).isEqualTo("/orders/:id");
    });
    assertThat(metrics.endRequest(q, "GET", "/orders/:id", 1L)).isEmpty();
    assertThat(RequestQueries.current()).isNull();
  }

  @Test
  void statementsOutsideARequestAreRecordedButNotAttributed() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      select(c, "SELECT * FROM pw_orders WHERE id = ?", 1);
    }
    assertThat(statements).singleElement().satisfies(s -> {
      assertThat(s.tenantId()).isNull();
      assertThat(s.route()).isNull();
      assertThat(s.normalizedSql()).isEqualTo("SELECT * FROM pw_orders WHERE id = ?");
    });
    assertThat(count("SELECT", "pw_orders", "success")).isEqualTo(1);
  }

  @Test
  void fiveRepeatsOfOneSelectAreOneNPlusOneFinding() throws SQLException {
    RequestQueries q = RequestQueries.begin(null).route("GET", "/customers/:id/orders");
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (int id = 1; id <= 5; id++) {
        s.executeQuery("SELECT * FROM pw_orders WHERE id = " + id).close(); // literal variants, one fingerprint
      }
    }
    List<NPlusOneFinding> result = metrics.endRequest(q, "GET", "/customers/:id/orders", 42L);

    assertThat(result).singleElement().satisfies(f -> {
      assertThat(f.fingerprint()).isEqualTo("SELECT * FROM pw_orders WHERE id = ?");
      assertThat(f.table()).isEqualTo("pw_orders");
      assertThat(f.repeats()).isEqualTo(5);
      assertThat(f.route()).isEqualTo("/customers/:id/orders");
      assertThat(f.totalNanos()).isEqualTo(q.nanos());
    });
    assertThat(findings).isEqualTo(result);
    assertThat(sample("db_n_plus_one_total",
        Map.of("method", "GET", "uri", "/customers/:id/orders", "table", "pw_orders"))).isEqualTo(1);
  }

  @Test
  void fourRepeatsAreNoFinding() throws SQLException {
    RequestQueries q = RequestQueries.begin(null);
    try (Connection c = dataSource.getConnection()) {
      for (int id = 1; id <= 4; id++) {
        select(c, "SELECT * FROM pw_orders WHERE id = ?", id);
      }
    }
    assertThat(metrics.endRequest(q, "GET", "/orders", 1L)).isEmpty();
    assertThat(findings).isEmpty();
  }

  @Test
  void differentFingerprintsAreNoFinding() throws SQLException {
    RequestQueries q = RequestQueries.begin(null);
    try (Connection c = dataSource.getConnection()) {
      for (String column : new String[] {"id", "customer", "amount", "customer, amount", "id, amount"}) {
        select(c, "SELECT " + column + " FROM pw_orders WHERE id = ?", 1);
      }
    }
    assertThat(metrics.endRequest(q, "GET", "/orders", 1L)).isEmpty();
  }

  @Test
  void literalValuesNeverReachTheScrapeTheSinkOrTheCache() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO pw_customers (id, email, card) VALUES (1, 'alice@example.com', '4111 1111 1111 1111')");
      s.executeQuery("SELECT * FROM pw_customers WHERE email = 'alice@example.com'").close();
      s.executeQuery("SELECT * FROM pw_customers WHERE id = 4111111111111111").close();
      assertThatExceptionOfType(SQLException.class).isThrownBy(() -> s.executeUpdate(
          "INSERT INTO pw_customers (id, email, card) VALUES (1, 'alice@example.com', '4111111111111111')"));
    }
    String scrape = registry.scrape();
    assertThat(scrape).contains("pw_customers");
    assertThat(statements).hasSize(4);
    for (String secret : new String[] {"alice", "example.com", "4111"}) {
      assertThat(scrape).doesNotContain(secret);
      assertThat(statements).allSatisfy(s -> assertThat(s.toString()).doesNotContain(secret));
      assertThat(metrics.shapes().cachedTexts()).allSatisfy(text -> assertThat(text).doesNotContain(secret));
    }
  }

  @Test
  void aFailingSinkNeverReachesTheApplication() throws SQLException {
    Consumer<DatabaseMetrics> broken = s -> {
      throw new IllegalStateException("store is down");
    };
    DataSource wrapped = new JdbcMetrics(registry, PerfWatchConfig.defaults(), broken, findings::add)
        .wrap(rawDataSource());
    try (Connection c = wrapped.getConnection()) {
      insertOrders(c, 2);
    }
    assertThat(count("INSERT", "pw_orders", "success")).isEqualTo(2);
  }

  private double count(String operation, String table, String outcome) {
    return sample("db_query_duration_seconds_count", Map.of("operation", operation, "table", table, "outcome", outcome));
  }

  /** The value of the scraped sample with exactly these labels; 0 when there is none. */
  double sample(String name, Map<String, String> labels) {
    return PrometheusSamples.value(registry.scrape(), name, labels);
  }
}
