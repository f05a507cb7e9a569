package io.perfwatch.exporter.store;

import java.util.List;
import java.util.Objects;

/**
 * Pre-aggregated SQL statements of one fingerprint, for example the difference of two scrapes of
 * {@code db_query_duration_seconds}. See {@link MetricsStore#recordAggregate(QueryAggregate)}.
 *
 * @param fingerprint the store's key; scraped data has no SQL text, so scrapers use {@code "<operation> <table>"}
 * @param errorCount statements among {@code count} whose outcome was not success
 * @param maxNanos the slowest duration, or an upper estimate of it; 0 when unknown
 * @param buckets per-bucket counts in ascending bound order adding up to {@code count}, or empty when unknown
 */
public record QueryAggregate(
    long timestampMillis,
    String fingerprint,
    String operation,
    String table,
    long count,
    long errorCount,
    long sumNanos,
    long maxNanos,
    List<BucketCount> buckets) {

  public QueryAggregate {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(table, "table");
    if (count < 0 || errorCount < 0 || errorCount > count || sumNanos < 0 || maxNanos < 0) {
      throw new IllegalArgumentException("counts and durations must not be negative, errorCount at most count");
    }
    buckets = BucketCount.checked(buckets, count);
  }
}
