package io.perfwatch.rules.source;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.spark.SparkPerfWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import spark.Service;

/**
 * A real Spark service on port 0, instrumented with perfwatch on H2, as a scrape target: {@code /api/items/:id}
 * (200, one SELECT), {@code /api/fail} (500), {@code /api/users/:id/orders} (an N+1 over 6 orders) and
 * {@code /metrics}.
 */
final class InstrumentedService implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.defaults()).build();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Service http;
  private final DataSource db;

  InstrumentedService() {
    this(0);
  }

  /** On {@code port}: a replica coming back on the address Prometheus scrapes. */
  InstrumentedService(int port) {
    http = Service.ignite().port(port);
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:source" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    db = perfwatch.wrap(h2);
    execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT)",
        "INSERT INTO orders SELECT x, 1 FROM SYSTEM_RANGE(1, 6)");
    SparkPerfWatch.instrument(perfwatch, http);
    SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
    http.get("/api/items/:id", (req, res) -> {
      try (Connection c = db.getConnection();
          PreparedStatement s = c.prepareStatement("SELECT id FROM orders WHERE id = ?")) {
        s.setLong(1, Long.parseLong(req.params("id")));
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? "item" : "none";
        }
      }
    });
    http.get("/api/fail", (req, res) -> {
      res.status(500);
      return "failed";
    });
    http.get("/api/users/:id/orders", (req, res) -> {
      int found = 0;
      try (Connection c = db.getConnection();
          PreparedStatement ids = c.prepareStatement("SELECT id FROM orders WHERE user_id = ?");
          PreparedStatement one = c.prepareStatement("SELECT user_id FROM orders WHERE id = ?")) {
        ids.setLong(1, Long.parseLong(req.params("id")));
        try (ResultSet r = ids.executeQuery()) {
          while (r.next()) {
            one.setLong(1, r.getLong(1));
            try (ResultSet o = one.executeQuery()) {
              found += o.next() ? 1 : 0;
            }
          }
        }
      }
      return "orders: " + found;
    });
    http.awaitInitialization();
  }

  int port() {
    return http.port();
  }

  String metricsUrl() {
    return "http://127.0.0.1:" + http.port() + "/metrics";
  }

  PerfWatch perfwatch() {
    return perfwatch;
  }

  /**
   * Sends {@code times} GET requests to {@code path}, checks each got {@code status}, and waits until perfwatch has
   * recorded them (it does so once the server has finished, a moment after the client has the response).
   */
  void get(String path, int times, int status) {
    long expected = perfwatch.stats().live().requestsTotal() + times;
    for (int i = 0; i < times; i++) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
          .timeout(Duration.ofSeconds(10)).build();
      try {
        int got = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        if (got != status) {
          throw new AssertionError(path + " answered " + got + ", expected " + status);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> perfwatch.stats().live().requestsTotal() >= expected);
  }

  private void execute(String... statements) {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    http.stop();
    http.awaitStop();
    perfwatch.close();
  }
}
