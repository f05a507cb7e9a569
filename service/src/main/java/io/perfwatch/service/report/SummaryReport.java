package io.perfwatch.service.report;

import io.perfwatch.exporter.config.Thresholds;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.Severity;
import java.util.List;

/** The spec's summary report, field for field. */
public record SummaryReport(
    int healthScore,
    String status,
    long totalRequests,
    double errorRatePercent,
    double avgResponseTimeMs,
    double p95ResponseTimeMs,
    int criticalAlerts,
    int highAlerts) {

  public static SummaryReport of(WindowStats window, List<Alert> active, Thresholds thresholds) {
    HealthScore score = HealthScore.of(inputs(window, active), thresholds);
    EndpointStats total = window.total();
    return new SummaryReport(score.score(), score.status(), total.count(), Round.of(total.errorRatePercent()),
        Round.of(total.avgMs()), Round.of(total.p95Ms()), count(active, Severity.CRITICAL),
        count(active, Severity.HIGH));
  }

  /** What the health score is computed from: the window's totals, the active alerts and the latest host sample. */
  public static HealthScore.Inputs inputs(WindowStats window, List<Alert> active) {
    EndpointStats total = window.total();
    List<SystemMetrics> samples = window.system();
    SystemMetrics latest = samples.isEmpty() ? null : samples.get(samples.size() - 1);
    return new HealthScore.Inputs(total.count(), total.p95Ms(), total.errorRatePercent(),
        count(active, Severity.CRITICAL), count(active, Severity.HIGH), count(active, Severity.MEDIUM),
        count(active, Severity.LOW), latest == null ? Double.NaN : latest.cpuPercent(),
        latest == null ? Double.NaN : latest.memoryPercent());
  }

  static int count(List<Alert> alerts, Severity severity) {
    return (int) alerts.stream().filter(a -> a.severity() == severity).count();
  }
}
