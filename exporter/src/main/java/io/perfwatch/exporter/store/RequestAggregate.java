package io.perfwatch.exporter.store;

import java.util.List;
import java.util.Objects;

/**
 * Pre-aggregated HTTP requests of one endpoint and status, for example the difference of two scrapes of
 * {@code http_server_requests_seconds}. See {@link MetricsStore#recordAggregate(RequestAggregate)}.
 *
 * @param timestampMillis the minute containing it receives the aggregate
 * @param status 100..599; ignored when {@code count} is 0 (an aggregate carrying only {@code queryCount})
 * @param sumNanos all durations together
 * @param maxNanos the slowest duration, or an upper estimate of it; 0 when unknown
 * @param buckets per-bucket counts in ascending bound order adding up to {@code count}, or empty when unknown
 * @param queryCount SQL statements run by these requests
 */
public record RequestAggregate(
    long timestampMillis,
    String method,
    String route,
    int status,
    long count,
    long sumNanos,
    long maxNanos,
    List<BucketCount> buckets,
    long queryCount) {

  public RequestAggregate {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(route, "route");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, was " + status);
    }
    if (count < 0 || sumNanos < 0 || maxNanos < 0 || queryCount < 0) {
      throw new IllegalArgumentException("counts and durations must not be negative");
    }
    buckets = BucketCount.checked(buckets, count);
  }
}
