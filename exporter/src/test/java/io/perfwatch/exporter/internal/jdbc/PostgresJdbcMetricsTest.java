package io.perfwatch.exporter.internal.jdbc;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.postgresql.ds.PGSimpleDataSource;

/** The shared scenarios against a real PostgreSQL; runs in the real-component tier ({@code -Preal}). */
@Tag("real")
class PostgresJdbcMetricsTest extends JdbcMetricsScenarios {
  private static final String URL = env("PERFWATCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/perfwatch_test");
  private static final PGSimpleDataSource POSTGRES = new PGSimpleDataSource();

  @BeforeAll
  static void requirePostgres() {
    POSTGRES.setURL(URL);
    POSTGRES.setUser(env("PERFWATCH_PG_USER", "perfwatch"));
    POSTGRES.setPassword(env("PERFWATCH_PG_PASSWORD", "perfwatch"));
    try (Connection c = POSTGRES.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      fail("PostgreSQL not reachable at " + URL + " (" + e.getMessage() + "): start it with "
          + "'pg_ctlcluster 15 main start' and create the role and database, or run .ci/run");
    }
  }

  @Override
  DataSource rawDataSource() {
    return POSTGRES;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
