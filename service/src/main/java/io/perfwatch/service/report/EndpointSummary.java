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
    double avgQueryTimeMs,
    long nPlusOneFindings,
    double totalTimeMs) {

  public static EndpointSummary of(EndpointStats e) {
    Map<String, Long> codes = new TreeMap<>();
    e.statusCounts().forEach((code, n) -> codes.put(Integer.toString(code), n));
    return new EndpointSummary(e.method() + " " + e.route(), e.method(), e.route(), e.count(), Round.one(e.avgMs()),
        Round.one(e.p50Ms()), Round.one(e.p95Ms()), Round.one(e.p99Ms()), Round.one(e.maxMs()),
        Round.one(e.errorRatePercent()), e.serverErrors(), e.clientErrors(), codes,
        Round.one(e.avgQueriesPerRequest()), Round.one(e.avgQueryTimeMs()), e.nPlusOneCount(),
        Round.one(e.avgMs() * e.count()));
  }
}
