package io.perfwatch.exporter.store;

import java.util.Map;
import java.util.Objects;

/**
 * One endpoint (or all endpoints, see {@link WindowStats#total()}) over a window. Durations are milliseconds;
 * percentiles have the relative error stated in {@link MetricsStore}. Every average and percentile is 0 when
 * {@code count} is 0.
 *
 * @param serverErrors responses with status 500..599
 * @param clientErrors responses with status 400..499
 * @param errorRatePercent share of server errors in percent, 0..100
 * @param statusCounts responses per status code
 * @param avgQueriesPerRequest SQL statements per request
 * @param avgQueryTimeMs time spent in SQL per request
 * @param nPlusOneCount N+1 findings reported for the endpoint
 */
public record EndpointStats(
    String method,
    String route,
    long count,
    long serverErrors,
    long clientErrors,
    double errorRatePercent,
    Map<Integer, Long> statusCounts,
    double avgMs,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double maxMs,
    double avgQueriesPerRequest,
    double avgQueryTimeMs,
    long nPlusOneCount) {

  public EndpointStats {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(route, "route");
    statusCounts = Map.copyOf(Objects.requireNonNull(statusCounts, "statusCounts"));
  }
}
