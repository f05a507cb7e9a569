package io.perfwatch.service.report;

import io.perfwatch.exporter.config.Thresholds;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.QueryStats;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The detailed report: request, database, system, bottleneck and trend analysis, and recommendations. The trend
 * compares the last {@code PERFORMANCE_TRENDING_WINDOW_MINUTES} with the same length just before them.
 */
public record DetailedReport(
    int hours,
    SummaryReport summary,
    RequestAnalysis requestAnalysis,
    DatabaseReport databaseAnalysis,
    SystemAnalysis systemAnalysis,
    BottleneckAnalysis bottleneckAnalysis,
    TrendAnalysis trendAnalysis,
    List<Recommendation> recommendations) {

  public record RequestAnalysis(long totalRequests, double requestsPerMinute, Map<String, Long> statusCodes,
      List<EndpointSummary> endpoints, List<EndpointSummary> slowestEndpoints,
      List<RecentActivity.SlowRequest> slowestRequests) {}

  public record SystemAnalysis(int samples, double avgCpuPercent, double maxCpuPercent, double avgMemoryPercent,
      double maxMemoryPercent, double maxDiskUsagePercent, long maxActiveRequests) {}

  public record BottleneckAnalysis(int alerts, Map<String, Long> byDetector, Map<String, Long> bySeverity,
      List<AlertView> items) {}

  /** Changes against the previous trend window: positive latency/error changes are degradations. */
  public record TrendAnalysis(int windowMinutes, long requests, long previousRequests, double requestChangePercent,
      double avgResponseTimeMs, double previousAvgResponseTimeMs, double avgResponseTimeChangePercent,
      double errorRatePercent, double previousErrorRatePercent, double errorRateChange, String direction) {}

  /** The raw samples of the window: the slowest requests and statements (empty when the source has none). */
  public record Recent(List<RecentActivity.SlowRequest> requests, List<RecentActivity.SlowStatement> statements) {}

  public static DetailedReport of(int hours, WindowStats now, double requestsPerMinute, Recent recent,
      TrendAnalysis trend, List<Alert> inWindow, List<Alert> firing, Thresholds thresholds,
      Function<QueryStats, String> queryAdvice) {
    List<EndpointSummary> endpoints = now.endpoints().stream().limit(50).map(EndpointSummary::of).toList();
    List<EndpointSummary> slowest = now.endpoints().stream()
        .sorted((a, b) -> Double.compare(b.p95Ms(), a.p95Ms())).limit(10).map(EndpointSummary::of).toList();
    RequestAnalysis requests = new RequestAnalysis(now.total().count(), requestsPerMinute,
        EndpointSummary.of(now.total()).statusCodes(), endpoints, slowest, recent.requests());
    Map<String, Long> byDetector = new TreeMap<>();
    Map<String, Long> bySeverity = new TreeMap<>();
    inWindow.forEach(a -> {
      byDetector.merge(a.detector(), 1L, Long::sum);
      bySeverity.merge(a.severity().label(), 1L, Long::sum);
    });
    return new DetailedReport(hours, SummaryReport.of(now, firing, thresholds), requests,
        DatabaseReport.of(now, hours * 60, thresholds.maxQueryTimeMs(), true, recent.statements()),
        system(now.system()),
        new BottleneckAnalysis(inWindow.size(), byDetector, bySeverity, inWindow.stream().map(AlertView::of).toList()),
        trend, Recommendations.of(now, firing, thresholds, queryAdvice));
  }

  static SystemAnalysis system(List<SystemMetrics> samples) {
    return new SystemAnalysis(samples.size(),
        Round.of(samples.stream().mapToDouble(SystemMetrics::cpuPercent).filter(Double::isFinite).average()
            .orElse(Double.NaN)),
        Round.of(samples.stream().mapToDouble(SystemMetrics::cpuPercent).filter(Double::isFinite).max()
            .orElse(Double.NaN)),
        Round.of(samples.stream().mapToDouble(SystemMetrics::memoryPercent).filter(Double::isFinite).average()
            .orElse(Double.NaN)),
        Round.of(samples.stream().mapToDouble(SystemMetrics::memoryPercent).filter(Double::isFinite).max()
            .orElse(Double.NaN)),
        Round.of(samples.stream().mapToDouble(SystemMetrics::maxDiskUsagePercent).filter(Double::isFinite).max()
            .orElse(Double.NaN)),
        samples.stream().mapToLong(SystemMetrics::activeRequests).max().orElse(0));
  }

  /** The last {@code minutes} ({@code now}) against the {@code minutes} before them ({@code before}). */
  public static TrendAnalysis trend(int minutes, EndpointStats now, EndpointStats before) {
    double requestChange = change(now.count(), before.count());
    double latencyChange = before.count() == 0 || now.count() == 0 ? Double.NaN : change(now.avgMs(), before.avgMs());
    double errorChange = before.count() == 0 || now.count() == 0 ? Double.NaN
        : now.errorRatePercent() - before.errorRatePercent();
    String direction = Double.isNaN(latencyChange) ? "insufficient_data"
        : latencyChange > 20 || errorChange > 1 ? "degrading"
        : latencyChange < -20 || errorChange < -1 ? "improving" : "stable";
    return new TrendAnalysis(minutes, now.count(), before.count(), Round.of(requestChange),
        Round.of(now.count() == 0 ? Double.NaN : now.avgMs()), Round.of(before.count() == 0 ? Double.NaN
        : before.avgMs()), Round.of(latencyChange), Round.of(now.count() == 0 ? Double.NaN : now.errorRatePercent()),
        Round.of(before.count() == 0 ? Double.NaN : before.errorRatePercent()), Round.of(errorChange), direction);
  }

  private static double change(double now, double before) {
    return before == 0 ? Double.NaN : (now - before) * 100 / before;
  }
}
