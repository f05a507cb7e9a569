package io.perfwatch.service.report;

import io.perfwatch.exporter.store.EndpointStats;
import java.util.Map;
import java.util.TreeMap;

/** One endpoint in the API's JSON ({@code /endpoints}, the detailed report). */
public record EndpointSummary(
    String endpoint,
    String method,
    String path,
    long totalRequests,
    double avgDurationMs,
    double p50DurationMs,
    double p95DurationMs,
    double p99DurationMs,
    double maxDurationMs,
    double errorRatePercent,
    long serverErrors,
    long clientErrors,
    Map<String, Long> statusCodes,
    double avgQueriesPerRequest,
    double avgDbTimePerRequestMs,
    long nPlusOneFindings,
    double totalTimeMs) {

  public static EndpointSummary of(EndpointStats e) {
    Map<String, Long> codes = new TreeMap<>();
    e.statusCounts().forEach((code, n) -> codes.put(Integer.toString(code), n));
    return new EndpointSummary(e.method() + " " + e.route(), e.method(), e.route(), e.count(), Round.of(e.avgMs()),
        Round.of(e.p50Ms()), Round.of(e.p95Ms()), Round.of(e.p99Ms()), Round.of(e.maxMs()),
        Round.of(e.errorRatePercent()), e.serverErrors(), e.clientErrors(), codes,
        Round.of(e.avgQueriesPerRequest()), Round.of(e.avgQueryTimeMs()), e.nPlusOneCount(),
        Round.of(e.avgMs() * e.count()));
  }
}
