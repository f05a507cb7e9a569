package io.perfwatch.exporter;

import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.exporter.store.WindowStats;
import java.time.Duration;
import java.util.List;

/**
 * What perfwatch has recorded, read-only: statistics over a time window (from minute and hour rollups of the bounded
 * in-process store), the newest raw samples, and the live status. The rules engine and the service read everything
 * through it; get it from {@link PerfWatch#stats()}.
 */
public interface StatsReader {

  /** Statistics of [fromMillis, toMillis] (epoch milliseconds); windows longer than an hour start on the hour. */
  WindowStats window(long fromMillis, long toMillis);

  /** Statistics of the last {@code length}, up to now. */
  default WindowStats window(Duration length) {
    long now = nowMillis();
    return window(now - length.toMillis(), now);
  }

  /** The clock the store files recordings by, in epoch milliseconds. */
  long nowMillis();

  /** The newest recorded requests, oldest first (at most {@code PERFORMANCE_METRICS_RETENTION}). */
  List<RequestMetrics> recentRequests();

  /** The newest recorded SQL statements, oldest first (at most {@code PERFORMANCE_METRICS_RETENTION}). */
  List<DatabaseMetrics> recentQueries();

  /** What is happening now: requests and connections in flight, totals, the latest host reading. */
  LiveStatus live();
}
