package io.perfwatch.exporter.internal.jdbc;

import com.p6spy.engine.common.ConnectionInformation;
import com.p6spy.engine.common.PreparedStatementInformation;
import com.p6spy.engine.common.StatementInformation;
import com.p6spy.engine.event.JdbcEventListener;
import io.micrometer.core.instrument.Timer;
import io.perfwatch.exporter.store.DatabaseMetrics;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every statement and connection that P6Spy reports. Never throws into the application: a failure here is
 * logged once and the statement goes on. Never reads {@code getSqlWithValues()}: bind values stay out of reach.
 */
public final class JdbcMetricsListener extends JdbcEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcMetricsListener.class);

  private final QueryShapes shapes;
  private final Consumer<DatabaseMetrics> sink;
  private final Timer acquireTimer;
  /** Open connections by identity: a second close() or a failed getConnection() cannot make the count drift. */
  private final Set<ConnectionInformation> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  JdbcMetricsListener(QueryShapes shapes, Consumer<DatabaseMetrics> sink, Timer acquireTimer) {
    this.shapes = shapes;
    this.sink = sink;
    this.acquireTimer = acquireTimer;
  }

  long activeConnections() {
    return open.size();
  }

  @Override
  public void onAfterGetConnection(ConnectionInformation info, @Nullable SQLException e) {
    if (e == null) {
      try {
        acquireTimer.record(info.getTimeToGetConnectionNs(), TimeUnit.NANOSECONDS);
        open.add(info);
      } catch (RuntimeException failure) {
        logOnce(failure);
      }
    }
  }

  @Override
  public void onAfterConnectionClose(ConnectionInformation info, @Nullable SQLException e) {
    open.remove(info);
  }

  @Override
  public void onAfterExecuteQuery(PreparedStatementInformation info, long nanos, @Nullable SQLException e) {
    record(info, info.getSql(), nanos, -1, e);
  }

  @Override
  public void onAfterExecuteQuery(StatementInformation info, long nanos, String sql, @Nullable SQLException e) {
    record(info, sql, nanos, -1, e);
  }

  @Override
  public void onAfterExecute(PreparedStatementInformation info, long nanos, @Nullable SQLException e) {
    record(info, info.getSql(), nanos, -1, e);
  }

  @Override
  public void onAfterExecute(StatementInformation info, long nanos, String sql, @Nullable SQLException e) {
    record(info, sql, nanos, -1, e);
  }

  @Override
  public void onAfterExecuteUpdate(PreparedStatementInformation info, long nanos, int rows, @Nullable SQLException e) {
    record(info, info.getSql(), nanos, e == null ? rows : -1, e);
  }

  @Override
  public void onAfterExecuteUpdate(StatementInformation info, long nanos, String sql, int rows,
      @Nullable SQLException e) {
    record(info, sql, nanos, e == null ? rows : -1, e);
  }

  @Override
  public void onAfterExecuteBatch(StatementInformation info, long nanos, int @Nullable [] counts,
      @Nullable SQLException e) {
    record(info, info.getSql(), nanos, sum(counts), e);
  }

  private void record(StatementInformation info, @Nullable String sql, long nanos, long rows,
      @Nullable SQLException e) {
    try {
      QueryFingerprint fingerprint = shapes.lookup(sql == null ? "" : sql);
      fingerprint.timer(e != null).record(nanos, TimeUnit.NANOSECONDS);
      shapes.recorded(fingerprint);
      RequestQueries request = RequestQueries.current();
      if (request != null) {
        request.record(fingerprint, nanos);
      }
      QueryShape shape = fingerprint.shape();
      // timestamp: when the statement finished; the normalized SQL and capped table keep the store bounded
      sink.accept(new DatabaseMetrics(shape.normalizedSql(), shape.operation(), shape.table(), nanos,
          System.currentTimeMillis(), request == null ? null : request.tenantId(), rows,
          info.getConnectionInformation().getTimeToGetConnectionNs(), outcome(e),
          request == null ? null : request.route()));
    } catch (RuntimeException failure) {
      logOnce(failure);
    }
  }

  /** Sum of the batch's update counts; -1 when the driver reported none (SUCCESS_NO_INFO or failure). */
  private static long sum(int @Nullable [] counts) {
    if (counts == null) {
      return -1;
    }
    long total = 0;
    boolean known = false;
    for (int c : counts) {
      if (c >= 0) {
        total += c;
        known = true;
      }
    }
    return known ? total : -1;
  }

  private static String outcome(@Nullable SQLException e) {
    if (e == null) {
      return DatabaseMetrics.SUCCESS;
    }
    String state = e.getSQLState();
    return state == null || state.isEmpty() ? QueryFingerprint.ERROR : state;
  }

  /** Logs the first failure only: a broken sink would otherwise log on every statement. */
  private void logOnce(RuntimeException failure) {
    if (failureLogged.compareAndSet(false, true)) {
      // Safe to log in full: nothing here holds the raw SQL except a local variable, never an exception message.
      LOG.warn("perfwatch JDBC instrumentation failed; statements keep running, further failures are not logged",
          failure);
    }
  }
}
