package io.perfwatch.service.report;

import io.perfwatch.exporter.store.EndpointStats;
import java.time.Instant;
import java.util.Map;

/** The spec's endpoint-specific analysis: totals of the window plus a time series keyed by ISO hour. */
public record EndpointAnalysis(
    String endpoint,
    int hours,
    long totalRequests,
    double avgDurationMs,
    double p95DurationMs,
    double p99DurationMs,
    double errorRatePercent,
    double avgQueriesPerRequest,
    Map<String, Long> statusCodes,
    Map<String, Point> timeSeries) {

  /** One hour of the series. */
  public record Point(long count, double avgMs, double p95Ms, long errors) {}

  public static EndpointAnalysis of(EndpointStats e, int hours, Map<Instant, Point> series) {
    Map<String, Point> byHour = new java.util.LinkedHashMap<>();
    series.forEach((hour, point) -> byHour.put(hour.toString(), point));
    return new EndpointAnalysis(e.method() + " " + e.route(), hours, e.count(), Round.of(e.avgMs()),
        Round.of(e.p95Ms()), Round.of(e.p99Ms()), Round.of(e.errorRatePercent()),
        Round.of(e.avgQueriesPerRequest()), EndpointSummary.of(e).statusCodes(), byHour);
  }

  public static Point point(EndpointStats e) {
    return new Point(e.count(), Round.of(e.avgMs()), Round.of(e.p95Ms()), e.serverErrors());
  }
}
