package io.perfwatch.bench;

import com.p6spy.engine.event.JdbcEventListener;
import com.p6spy.engine.spy.P6DataSource;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.internal.jdbc.RequestQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One primary-key SELECT on H2 in memory (prepare, bind, execute, read one row, close), as a DAO runs it, through
 * {@code raw} the H2 DataSource, {@code p6spyNoop} P6Spy with a listener that does nothing, and {@code perfwatch}
 * P6Spy with perfwatch's listener (fingerprint lookup, histogram, per-request accounting, store rollup). The
 * perfwatch case runs inside a request (its per-request counters are live), as statements do in a web app.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JdbcBenchmark {
  static final String SQL = "SELECT id, name, amount FROM accounts WHERE id = ?";
  private static final int ROWS = 1000;

  @Param({"raw", "p6spyNoop", "perfwatch"})
  public String path;

  private PerfWatch perfwatch;
  private Connection connection;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:bench-" + Thread.currentThread().getId() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS accounts (id BIGINT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(12,2))");
      s.execute("DELETE FROM accounts");
      s.execute("INSERT INTO accounts SELECT x, 'account ' || x, x * 1.5 FROM SYSTEM_RANGE(1, " + ROWS + ")");
    }
    perfwatch = PerfWatch.builder().build();
    DataSource dataSource = switch (path) {
      case "raw" -> h2;
      case "p6spyNoop" -> {
        P6DataSource spy = new P6DataSource(h2);
        JdbcEventListener noop = new JdbcEventListener() {};
        spy.setJdbcEventListenerFactory(() -> noop);
        yield spy;
      }
      case "perfwatch" -> perfwatch.wrap(h2);
      default -> throw new IllegalArgumentException(path);
    };
    connection = dataSource.getConnection();
  }

  @Setup(Level.Iteration)
  public void beginRequest() {
    RequestQueries.begin(null).route("GET", "/api/accounts/:id");
  }

  @TearDown(Level.Iteration)
  public void endRequest() {
    RequestQueries queries = RequestQueries.current();
    if (queries != null) {
      queries.end();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    connection.close();
  }

  @Benchmark
  public String selectByPrimaryKey() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setLong(1, 1 + ThreadLocalRandom.current().nextInt(ROWS));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(2);
      }
    }
  }
}
