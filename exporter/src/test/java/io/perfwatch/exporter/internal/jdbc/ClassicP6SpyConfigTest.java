package io.perfwatch.exporter.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.p6spy.engine.spy.P6ModuleManager;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.jdbc.PerfWatchP6Module;
import io.perfwatch.exporter.store.DatabaseMetrics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user configures P6Spy the classic way: {@code jdbc:p6spy:} URL plus a spy.properties naming our module. */
class ClassicP6SpyConfigTest {
  private static final String URL = "jdbc:p6spy:h2:mem:classic_p6spy;DB_CLOSE_DELAY=-1";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<DatabaseMetrics> statements = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void useTheFixtureSpyProperties() {
    System.setProperty("spy.properties", "p6spy/perfwatch-spy.properties");
    P6ModuleManager.getInstance().reload();
  }

  @AfterAll
  static void restoreP6SpyDefaults() {
    System.clearProperty("spy.properties");
    PerfWatchP6Module.register(null);
    P6ModuleManager.getInstance().reload();
  }

  @Test
  void moduleNamedInSpyPropertiesReportsToTheRegisteredInstance() throws SQLException {
    JdbcMetrics metrics = new JdbcMetrics(registry, PerfWatchConfig.defaults(), statements::add, f -> { });
    metrics.registerForP6SpyModule();

    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS classic_items (id INT PRIMARY KEY, name VARCHAR(50))");
      s.executeUpdate("INSERT INTO classic_items (id, name) VALUES (1, 'secret-name')");
      s.executeQuery("SELECT name FROM classic_items WHERE id = 1").close();
      assertThat(metrics.activeConnections()).isEqualTo(1);
    }

    assertThat(P6ModuleManager.getInstance().getFactories()).hasAtLeastOneElementOfType(PerfWatchP6Module.class);
    assertThat(statements).extracting(DatabaseMetrics::normalizedSql).containsExactly(
        "CREATE TABLE IF NOT EXISTS classic_items (id INT PRIMARY KEY, name VARCHAR(?))",
        "INSERT INTO classic_items (id, name) VALUES (?, ?)",
        "SELECT name FROM classic_items WHERE id = ?");
    assertThat(metrics.activeConnections()).isZero();
    String scrape = registry.scrape();
    assertThat(PrometheusSamples.value(scrape, "db_query_duration_seconds_count",
        Map.of("operation", "SELECT", "table", "classic_items", "outcome", "success"))).isEqualTo(1);
    assertThat(PrometheusSamples.value(scrape, "db_connection_acquire_seconds_count", Map.of())).isEqualTo(1);
    assertThat(Path.of("spy.log")).doesNotExist();
  }

  @Test
  void connectionsWorkWhileNoInstanceIsRegistered() throws SQLException {
    PerfWatchP6Module.register(null);
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      assertThat(s.executeQuery("SELECT 1").next()).isTrue();
    }
    assertThat(Path.of("spy.log")).doesNotExist();
  }
}
