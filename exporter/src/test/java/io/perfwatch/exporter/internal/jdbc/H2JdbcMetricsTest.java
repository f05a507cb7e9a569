package io.perfwatch.exporter.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class H2JdbcMetricsTest extends JdbcMetricsScenarios {
  private final JdbcDataSource h2 = new JdbcDataSource();

  H2JdbcMetricsTest() {
    h2.setURL("jdbc:h2:mem:jdbc_metrics;DB_CLOSE_DELAY=-1");
  }

  @Override
  DataSource rawDataSource() {
    return h2;
  }

  @Test
  void wrappingWritesNoSpyLog() throws SQLException {
    Path spyLog = Path.of("spy.log").toAbsolutePath();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1").close();
      s.executeUpdate("INSERT INTO pw_orders (id, customer, amount) VALUES (1, 'x', 1)");
    }
    assertThat(statements).hasSize(2);
    assertThat(spyLog).doesNotExist();
    assertThat(Files.exists(Path.of(System.getProperty("user.dir"), "spy.log"))).isFalse();
  }
}
