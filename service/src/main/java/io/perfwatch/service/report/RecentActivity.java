package io.perfwatch.service.report;

import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.RequestMetrics;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The slowest single requests and statements of a window, from the raw samples still in the store's ring buffers
 * (the newest {@code PERFORMANCE_METRICS_RETENTION}): what one request or statement looked like, with the spec's
 * per-request and per-statement fields. Only the in-process store has raw samples.
 */
public final class RecentActivity {
  static final int MAX = 10;
  private static final double MIB = 1024 * 1024;

  private RecentActivity() {}

  /**
   * One request. {@code memoryDeltaMb} is what the request's thread allocated and {@code cpuUsagePercent} its CPU
   * time against its duration; both null when detailed metrics are off.
   */
  public record SlowRequest(String endpoint, int statusCode, double durationMs, Instant timestamp,
      @Nullable String tenantId, @Nullable String userId, int queryCount, double queryTimeMs, double memoryDeltaMb,
      double cpuUsagePercent) {}

  /** One statement, normalized (no literal values); {@code rowsAffected} null for queries and unknown counts. */
  public record SlowStatement(String query, String operation, String table, double durationMs, Instant timestamp,
      @Nullable String tenantId, @Nullable Long rowsAffected, String outcome, @Nullable String route) {}

  /** The slowest requests of [fromMillis, toMillis], slowest first. */
  public static List<SlowRequest> requests(List<RequestMetrics> recent, long fromMillis, long toMillis) {
    return recent.stream().filter(r -> r.timestampMillis() >= fromMillis && r.timestampMillis() <= toMillis)
        .sorted(Comparator.comparingLong(RequestMetrics::durationNanos).reversed()).limit(MAX)
        .map(RecentActivity::request).toList();
  }

  /** The slowest statements of [fromMillis, toMillis], slowest first. */
  public static List<SlowStatement> statements(List<DatabaseMetrics> recent, long fromMillis, long toMillis) {
    return recent.stream().filter(q -> q.timestampMillis() >= fromMillis && q.timestampMillis() <= toMillis)
        .sorted(Comparator.comparingLong(DatabaseMetrics::durationNanos).reversed()).limit(MAX)
        .map(q -> new SlowStatement(q.normalizedSql(), q.operation(), q.table(), Round.of(q.durationNanos() / 1e6),
            Instant.ofEpochMilli(q.timestampMillis()), q.tenantId(), q.rowsAffected() < 0 ? null : q.rowsAffected(),
            q.outcome(), q.route()))
        .toList();
  }

  private static SlowRequest request(RequestMetrics r) {
    double cpu = r.cpuNanos() < 0 || r.durationNanos() == 0 ? Double.NaN
        : Math.min(100, r.cpuNanos() * 100.0 / r.durationNanos());
    return new SlowRequest(r.method() + " " + r.route(), r.status(), Round.of(r.durationNanos() / 1e6),
        Instant.ofEpochMilli(r.timestampMillis()), r.tenantId(), r.userId(), r.queryCount(),
        Round.of(r.queryNanos() / 1e6), r.memoryDeltaBytes() < 0 ? Double.NaN : Round.of(r.memoryDeltaBytes() / MIB),
        Round.of(cpu));
  }
}
