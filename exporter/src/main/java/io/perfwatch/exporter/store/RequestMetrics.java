package io.perfwatch.exporter.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One finished HTTP request: the spec's {@code RequestMetrics}. Durations are kept in nanoseconds and converted
 * to the spec's {@code _ms} fields only at the JSON boundary; the timestamp is epoch milliseconds so that
 * recording allocates no {@code Instant}.
 *
 * @param route route template ({@code /api/transactions/:id}) or one of {@code NOT_FOUND}, {@code REDIRECTION},
 *     {@code root}, {@code UNKNOWN}, {@code OTHER}; never a raw path
 * @param exception simple class name of the exception the route threw, or {@code None}
 * @param cpuNanos CPU time of the request thread, or -1 when detailed metrics are off
 * @param memoryDeltaBytes bytes allocated by the request thread, or -1 when detailed metrics are off
 */
public record RequestMetrics(
    String route,
    String method,
    int status,
    long durationNanos,
    long timestampMillis,
    @Nullable String tenantId,
    @Nullable String userId,
    int queryCount,
    long queryNanos,
    String exception,
    long cpuNanos,
    long memoryDeltaBytes) {

  public RequestMetrics {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(exception, "exception");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, was " + status);
    }
    if (durationNanos < 0 || queryCount < 0 || queryNanos < 0) {
      throw new IllegalArgumentException("durations and counts must not be negative");
    }
  }

  /** A 5xx response; the spec's error rate counts these (4xx are client errors, see the rules). */
  public boolean isServerError() {
    return status >= 500;
  }
}
