package io.perfwatch.service.demo;

import static org.assertj.core.api.Assertions.fail;

import io.perfwatch.service.ServiceConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * The same scenarios on a real PostgreSQL, configured as a user would: {@code PERFORMANCE_DATABASE_URL}. Each run
 * gets a fresh schema, so the seed is the same as on H2. Real-component tier ({@code -Preal}).
 */
@Tag("real")
class PostgresDemoAppTest extends DemoScenarios {
  private static final String URL = env("PERFWATCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/perfwatch_test");
  private static final String USER = env("PERFWATCH_PG_USER", "perfwatch");
  private static final String PASSWORD = env("PERFWATCH_PG_PASSWORD", "perfwatch");
  private static final String SCHEMA = "perfwatch_demo_test";

  @Override
  ServiceConfig config() {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    } catch (SQLException e) {
      fail("PostgreSQL not reachable at " + URL + " (" + e.getMessage() + "): start it with "
          + "'pg_ctlcluster 15 main start' and create the role and database, or run .ci/run");
    }
    String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    return ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "0", "PERFORMANCE_DATABASE_URL", url,
        "PERFORMANCE_DATABASE_USER", USER, "PERFORMANCE_DATABASE_PASSWORD", PASSWORD));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
