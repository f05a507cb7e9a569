package com.example.orders;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.spark.SparkPerfWatch;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import spark.Service;

/** A Spark app with an H2 database, instrumented by perfwatch. */
public final class OrdersApp {
  private OrdersApp() {}

  public static void main(String[] args) throws SQLException {
    start(8080);
  }

  public static Service start(int port) throws SQLException {
    // tag::recipe[]
    PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.fromEnvironment()).build().start();
    DataSource db = perfwatch.wrap(database());       // every statement timed, N+1 detected
    Service http = Service.ignite().port(port);
    SparkPerfWatch.instrument(perfwatch, http);        // before the first route
    SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
    http.get("/orders/:id", (req, res) -> total(db, Long.parseLong(req.params("id"))));
    // end::recipe[]
    http.awaitInitialization();
    return http;
  }

  private static String total(DataSource db, long id) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement select = c.prepareStatement("SELECT total FROM orders WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet r = select.executeQuery()) {
        return r.next() ? r.getBigDecimal(1).toPlainString() : BigDecimal.ZERO.toPlainString();
      }
    }
  }

  private static DataSource database() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total DECIMAL(10, 2))");
      s.execute("INSERT INTO orders VALUES (1, 12.50), (2, 7.25)");
    }
    return h2;
  }
}
