package com.example.batch;

import io.perfwatch.exporter.MetricsServer;
import io.perfwatch.exporter.PerfWatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A batch job without a web framework: perfwatch times its JDBC and serves /metrics on a port of its own. */
public final class BatchApp implements AutoCloseable {
  private final PerfWatch perfwatch;
  private final MetricsServer metrics;
  private final DataSource db;

  public BatchApp(int metricsPort) throws SQLException {
    // tag::recipe[]
    perfwatch = PerfWatch.builder().build().start();
    metrics = perfwatch.startMetricsServer(metricsPort);  // 0: any free port, metrics.port() tells which
    db = perfwatch.wrap(database());
    // end::recipe[]
  }

  public static void main(String[] args) throws SQLException {
    BatchApp app = new BatchApp(9464);
    app.run(100);
  }

  public int metricsPort() {
    return metrics.port();
  }

  /** Records {@code jobs} finished jobs, one statement each. */
  public void run(int jobs) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement insert = c.prepareStatement("INSERT INTO jobs (name) VALUES (?)")) {
      for (int i = 0; i < jobs; i++) {
        insert.setString(1, "job-" + i);
        insert.executeUpdate();
      }
    }
  }

  @Override
  public void close() {
    metrics.close();
    perfwatch.close();
  }

  private static DataSource database() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:batch;DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE jobs (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40))");
    }
    return h2;
  }
}
