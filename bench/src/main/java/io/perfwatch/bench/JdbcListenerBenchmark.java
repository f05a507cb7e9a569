package io.perfwatch.bench;

import com.p6spy.engine.common.ConnectionInformation;
import com.p6spy.engine.common.PreparedStatementInformation;
import com.p6spy.engine.event.JdbcEventListener;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.internal.jdbc.RequestQueries;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What P6Spy calls after each statement, without the database: {@code noop} a listener that does nothing,
 * {@code perfwatch} perfwatch's (fingerprint cache hit, histogram, per-request accounting, store rollup and ring
 * buffer). Their difference is what {@link JdbcBenchmark}'s perfwatch case adds over its P6Spy no-op case, measured
 * without H2's tens of microseconds of noise around it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JdbcListenerBenchmark {
  private final JdbcEventListener noop = new JdbcEventListener() {};
  private JdbcEventListener perfwatch;
  private PreparedStatementInformation statement;

  @Setup(Level.Trial)
  public void setUp() {
    PerfWatch pw = PerfWatch.builder().build();
    perfwatch = PerfWatchInternals.of(pw).jdbc().listener();
    statement = new PreparedStatementInformation(ConnectionInformation.fromDataSource(new JdbcDataSource()),
        JdbcBenchmark.SQL);
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

  @Benchmark
  public PreparedStatementInformation noop() {
    noop.onAfterExecuteQuery(statement, 12_345, null);
    return statement;
  }

  @Benchmark
  public PreparedStatementInformation perfwatch() {
    perfwatch.onAfterExecuteQuery(statement, 12_345, null);
    return statement;
  }
}
