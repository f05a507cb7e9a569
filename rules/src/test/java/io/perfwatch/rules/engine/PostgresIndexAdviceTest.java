package io.perfwatch.rules.engine;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.postgresql.ds.PGSimpleDataSource;

/** The same advice against a real PostgreSQL ({@code PERFWATCH_PG_URL}), in a fresh schema. Real tier. */
@Tag("real")
class PostgresIndexAdviceTest extends IndexAdviceSchemaTest {
  private static final String SCHEMA = "perfwatch_index_advice_test";

  @Override
  DataSource database() throws SQLException {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(env("PERFWATCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/perfwatch_test"));
    pg.setUser(env("PERFWATCH_PG_USER", "perfwatch"));
    pg.setPassword(env("PERFWATCH_PG_PASSWORD", "perfwatch"));
    try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    } catch (SQLException e) {
      fail("PostgreSQL not reachable at " + pg.getURL() + " (" + e.getMessage() + "): start it and create the "
          + "role and database, or run .ci/run");
    }
    pg.setCurrentSchema(SCHEMA);
    return pg;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
