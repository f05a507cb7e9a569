package io.perfwatch.spark;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import spark.Service;

/**
 * The exporter's standalone example (the README's run command until the service module lands): a small Spark app on
 * an in-memory H2 database, instrumented exactly as a user's app would be. Open http://localhost:8080/metrics.
 */
public final class ExampleApp {
  private ExampleApp() {}

  public static void main(String[] args) throws SQLException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PERFORMANCE_HTTP_PORT", "8080"));
    PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.fromEnvironment()).build().start();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:example;DB_CLOSE_DELAY=-1");
    DataSource db = perfwatch.wrap(h2);
    seed(db);

    Service http = Service.ignite().port(port);
    SparkPerfWatch.instrument(perfwatch, http);
    SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
    http.get("/api/transactions/:id", (req, res) -> {
      try (Connection c = db.getConnection();
          PreparedStatement s = c.prepareStatement("SELECT id, amount FROM transactions WHERE id = ?")) {
        s.setLong(1, Long.parseLong(req.params("id")));
        try (ResultSet r = s.executeQuery()) {
          res.type("application/json");
          if (!r.next()) {
            res.status(404);
            return "{\"error\":{\"code\":\"not_found\",\"message\":\"no such transaction\"}}";
          }
          return "{\"id\":" + r.getLong(1) + ",\"amount\":" + r.getBigDecimal(2) + "}";
        }
      }
    });
    http.get("/api/users/:id/summary", (req, res) -> {
      // Naive on purpose: one query per transaction, an N+1 that perfwatch reports.
      StringBuilder amounts = new StringBuilder();
      try (Connection c = db.getConnection();
          PreparedStatement ids = c.prepareStatement("SELECT id FROM transactions WHERE user_id = ?");
          PreparedStatement one = c.prepareStatement("SELECT amount FROM transactions WHERE id = ?")) {
        ids.setLong(1, Long.parseLong(req.params("id")));
        try (ResultSet r = ids.executeQuery()) {
          while (r.next()) {
            one.setLong(1, r.getLong(1));
            try (ResultSet a = one.executeQuery()) {
              a.next();
              amounts.append(amounts.length() == 0 ? "" : ",").append(a.getBigDecimal(1));
            }
          }
        }
      }
      res.type("application/json");
      return "{\"amounts\":[" + amounts + "]}";
    });
    http.awaitInitialization();
    System.out.println("perfwatch example: http://localhost:" + http.port() + "/api/transactions/1, "
        + "http://localhost:" + http.port() + "/api/users/1/summary, metrics at http://localhost:" + http.port()
        + "/metrics");
  }

  private static void seed(DataSource db) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE transactions (id BIGINT PRIMARY KEY, user_id BIGINT, amount DECIMAL(12,2))");
      s.execute("INSERT INTO transactions SELECT x, MOD(x, 20) + 1, ROUND(RAND() * 500, 2) "
          + "FROM SYSTEM_RANGE(1, 200)");
    }
  }
}
