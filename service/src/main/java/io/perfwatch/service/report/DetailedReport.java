package io.perfwatch.service.report;

import io.perfwatch.exporter.config.Thresholds;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detailed report: request, database, system, bottleneck and trend analysis, and recommendations. The trend
 * compares the window with the window of the same length just before it.
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
      List<EndpointSummary> endpoints, List<EndpointSummary> slowestEndpoints) {}

  public record SystemAnalysis(int samples, double avgCpuPercent, double maxCpuPercent, double avgMemoryPercent,
      double maxMemoryPercent, double maxDiskUsagePercent, long maxActiveRequests) {}

  public record BottleneckAnalysis(int alerts, Map<String, Long> byDetector, Map<String, Long> bySeverity,
      List<AlertView> items) {}

  /** Changes against the previous window: positive latency/error changes are degradations. */
  public record TrendAnalysis(long previousRequests, double requestChangePercent, double previousAvgResponseTimeMs,
      double avgResponseTimeChangePercent, double previousErrorRatePercent, double errorRateChange,
      String direction) {}

  public static DetailedReport of(int hours, WindowStats now, WindowStats before, List<Alert> inWindow,
      List<Alert> firing, Thresholds thresholds, double slowQueryMs, double requestsPerMinute) {
    List<EndpointSummary> endpoints = now.endpoints().stream().limit(50).map(EndpointSummary::of).toList();
    List<EndpointSummary> slowest = now.endpoints().stream()
        .sorted((a, b) -> Double.compare(b.p95Ms(), a.p95Ms())).limit(10).map(EndpointSummary::of).toList();
    RequestAnalysis requests = new RequestAnalysis(now.total().count(),
        requestsPerMinute, EndpointSummary.of(now.total()).statusCodes(), endpoints,
        slowest);
    Map<String, Long> byDetector = new TreeMap<>();
    Map<String, Long> bySeverity = new TreeMap<>();
    inWindow.forEach(a -> {
      byDetector.merge(a.detector(), 1L, Long::sum);
      bySeverity.merge(a.severity().label(), 1L, Long::sum);
    });
    return new DetailedReport(hours, SummaryReport.of(now, firing, thresholds), requests,
        DatabaseReport.of(now, hours * 60, slowQueryMs, true), system(now.system()),
        new BottleneckAnalysis(inWindow.size(), byDetector, bySeverity, inWindow.stream().map(AlertView::of).toList()),
        trend(now.total(), before.total()), Recommendations.of(now, firing, thresholds));
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

  static TrendAnalysis trend(EndpointStats now, EndpointStats before) {
    double requestChange = change(now.count(), before.count());
    double latencyChange = before.count() == 0 || now.count() == 0 ? Double.NaN : change(now.avgMs(), before.avgMs());
    double errorChange = before.count() == 0 || now.count() == 0 ? Double.NaN
        : now.errorRatePercent() - before.errorRatePercent();
    String direction = Double.isNaN(latencyChange) ? "insufficient_data"
        : latencyChange > 20 || errorChange > 1 ? "degrading"
        : latencyChange < -20 || errorChange < -1 ? "improving" : "stable";
    return new TrendAnalysis(before.count(), Round.of(requestChange), Round.of(before.avgMs()),
        Round.of(latencyChange), Round.of(before.errorRatePercent()), Round.of(errorChange), direction);
  }

  private static double change(double now, double before) {
    return before == 0 ? Double.NaN : (now - before) * 100 / before;
  }
}
