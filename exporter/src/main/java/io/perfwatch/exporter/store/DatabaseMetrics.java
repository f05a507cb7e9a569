package io.perfwatch.exporter.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One executed SQL statement: the spec's {@code DatabaseMetrics}. {@code normalizedSql} has every literal and
 * bind value replaced by {@code ?}; the raw SQL is never kept.
 *
 * @param operation SELECT, INSERT, UPDATE, DELETE or OTHER
 * @param table primary table (lower case) or {@code unknown}
 * @param rowsAffected update count for DML and batches, -1 for queries and when the driver does not say
 * @param connectionNanos time it took to acquire the connection that ran the statement
 * @param outcome {@code success}, or the SQLState of the failure ({@code error} when the driver gave none)
 * @param route route template of the HTTP request that ran the statement, or {@code null} outside requests
 */
public record DatabaseMetrics(
    String normalizedSql,
    String operation,
    String table,
    long durationNanos,
    long timestampMillis,
    @Nullable String tenantId,
    long rowsAffected,
    long connectionNanos,
    String outcome,
    @Nullable String route) {

  public static final String SUCCESS = "success";

  public DatabaseMetrics {
    Objects.requireNonNull(normalizedSql, "normalizedSql");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(outcome, "outcome");
    if (durationNanos < 0) {
      throw new IllegalArgumentException("durationNanos must not be negative, was " + durationNanos);
    }
  }

  public boolean isError() {
    return !SUCCESS.equals(outcome);
  }
}
