package io.perfwatch.exporter.store;

import java.util.Objects;

/**
 * One SQL fingerprint over a window. Durations are milliseconds; {@code p95Ms} has the relative error stated in
 * {@link MetricsStore}.
 *
 * @param fingerprint normalized SQL, or {@code OTHER} for fingerprints beyond the store's cap
 * @param operation SELECT, INSERT, UPDATE, DELETE or OTHER
 * @param table primary table or {@code unknown}
 * @param errorCount statements whose outcome was not {@code success}
 * @param totalMs time spent in all executions together
 */
public record QueryStats(
    String fingerprint,
    String operation,
    String table,
    long count,
    long errorCount,
    double avgMs,
    double p95Ms,
    double maxMs,
    double totalMs) {

  public QueryStats {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(table, "table");
  }
}
