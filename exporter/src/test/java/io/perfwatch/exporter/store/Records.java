package io.perfwatch.exporter.store;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Test fixtures: records with only the fields a test cares about, and a settable clock. */
final class Records {
  /** An hour boundary, so minute and hour arithmetic in tests stays readable. */
  static final long T0 = Instant.parse("2026-01-15T10:00:00Z").toEpochMilli();
  static final long SECOND = 1_000;
  static final long MINUTE = 60_000;
  static final long HOUR = 3_600_000;

  private Records() {}

  static RequestMetrics request(String method, String route, int status, double millis, long timestampMillis) {
    return request(method, route, status, millis, timestampMillis, null);
  }

  static RequestMetrics request(
      String method, String route, int status, double millis, long timestampMillis, @Nullable String tenant) {
    return new RequestMetrics(route, method, status, nanos(millis), timestampMillis, tenant, null, 0, 0, "None", -1,
        -1);
  }

  static RequestMetrics requestWithQueries(String route, long timestampMillis, int queries, double queryMillis) {
    return new RequestMetrics(route, "GET", 200, nanos(10), timestampMillis, null, null, queries, nanos(queryMillis),
        "None", -1, -1);
  }

  static DatabaseMetrics query(String sql, double millis, long timestampMillis, String outcome) {
    return new DatabaseMetrics(sql, "SELECT", "users", nanos(millis), timestampMillis, null, -1, 0, outcome, null);
  }

  static SystemMetrics system(long timestampMillis, double cpuPercent) {
    return new SystemMetrics(timestampMillis, cpuPercent, 1.0, 50.0, 1024.0, Map.of("/", 40.0), 3, 60.0, 1);
  }

  static NPlusOneFinding nPlusOne(String route, long timestampMillis) {
    return new NPlusOneFinding(timestampMillis, "GET", route, "orders", "select * from orders where id = ?", 7,
        nanos(14));
  }

  static long nanos(double millis) {
    return Math.round(millis * TimeUnit.MILLISECONDS.toNanos(1));
  }

  /** A clock the test moves by hand. */
  static final class FakeClock {
    private volatile long now;

    FakeClock(long now) {
      this.now = now;
    }

    long now() {
      return now;
    }

    void set(long epochMillis) {
      now = epochMillis;
    }
  }
}
