package io.perfwatch.exporter.config;

import static io.perfwatch.exporter.config.ExporterSettings.ANALYSIS_WINDOW_MINUTES;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_AVG_LATENCY_MS;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_CPU_PERCENT;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_ERROR_RATE_PERCENT;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_MEMORY_PERCENT;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_P95_LATENCY_MS;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_QUERY_TIME_MS;
import static io.perfwatch.exporter.config.ExporterSettings.TRENDING_WINDOW_MINUTES;

import java.util.ArrayList;
import java.util.List;

/**
 * The spec's {@code PerformanceThresholds}: alerting defaults that the rule file refers to by environment variable.
 * The constructor checks every value against its {@link ExporterSettings} declaration and reports all problems.
 */
public record Thresholds(
    double maxAvgLatencyMs,
    double maxP95LatencyMs,
    double maxErrorRatePercent,
    double maxQueryTimeMs,
    double maxCpuPercent,
    double maxMemoryPercent,
    int analysisWindowMinutes,
    int trendingWindowMinutes) {

  public Thresholds {
    List<String> problems = new ArrayList<>();
    MAX_AVG_LATENCY_MS.check("maxAvgLatencyMs", maxAvgLatencyMs, problems);
    MAX_P95_LATENCY_MS.check("maxP95LatencyMs", maxP95LatencyMs, problems);
    MAX_ERROR_RATE_PERCENT.check("maxErrorRatePercent", maxErrorRatePercent, problems);
    MAX_QUERY_TIME_MS.check("maxQueryTimeMs", maxQueryTimeMs, problems);
    MAX_CPU_PERCENT.check("maxCpuPercent", maxCpuPercent, problems);
    MAX_MEMORY_PERCENT.check("maxMemoryPercent", maxMemoryPercent, problems);
    ANALYSIS_WINDOW_MINUTES.check("analysisWindowMinutes", analysisWindowMinutes, problems);
    TRENDING_WINDOW_MINUTES.check("trendingWindowMinutes", trendingWindowMinutes, problems);
    if (!problems.isEmpty()) {
      throw new PerfWatchConfigException(problems);
    }
  }

  /** The spec's defaults: avg 1000 ms, p95 2000 ms, 5 % errors, 500 ms queries, 80 % CPU, 85 % memory. */
  public static Thresholds defaults() {
    return new Thresholds(MAX_AVG_LATENCY_MS.defaultValue(), MAX_P95_LATENCY_MS.defaultValue(),
        MAX_ERROR_RATE_PERCENT.defaultValue(), MAX_QUERY_TIME_MS.defaultValue(), MAX_CPU_PERCENT.defaultValue(),
        MAX_MEMORY_PERCENT.defaultValue(), ANALYSIS_WINDOW_MINUTES.defaultValue(),
        TRENDING_WINDOW_MINUTES.defaultValue());
  }

  public Thresholds withMaxAvgLatencyMs(double v) {
    return new Thresholds(v, maxP95LatencyMs, maxErrorRatePercent, maxQueryTimeMs, maxCpuPercent,
        maxMemoryPercent, analysisWindowMinutes, trendingWindowMinutes);
  }

  public Thresholds withMaxP95LatencyMs(double v) {
    return new Thresholds(maxAvgLatencyMs, v, maxErrorRatePercent, maxQueryTimeMs, maxCpuPercent,
        maxMemoryPercent, analysisWindowMinutes, trendingWindowMinutes);
  }

  public Thresholds withMaxErrorRatePercent(double v) {
    return new Thresholds(maxAvgLatencyMs, maxP95LatencyMs, v, maxQueryTimeMs, maxCpuPercent,
        maxMemoryPercent, analysisWindowMinutes, trendingWindowMinutes);
  }

  public Thresholds withMaxQueryTimeMs(double v) {
    return new Thresholds(maxAvgLatencyMs, maxP95LatencyMs, maxErrorRatePercent, v, maxCpuPercent,
        maxMemoryPercent, analysisWindowMinutes, trendingWindowMinutes);
  }

  public Thresholds withMaxCpuPercent(double v) {
    return new Thresholds(maxAvgLatencyMs, maxP95LatencyMs, maxErrorRatePercent, maxQueryTimeMs, v,
        maxMemoryPercent, analysisWindowMinutes, trendingWindowMinutes);
  }

  public Thresholds withMaxMemoryPercent(double v) {
    return new Thresholds(maxAvgLatencyMs, maxP95LatencyMs, maxErrorRatePercent, maxQueryTimeMs, maxCpuPercent,
        v, analysisWindowMinutes, trendingWindowMinutes);
  }

  public Thresholds withAnalysisWindowMinutes(int v) {
    return new Thresholds(maxAvgLatencyMs, maxP95LatencyMs, maxErrorRatePercent, maxQueryTimeMs, maxCpuPercent,
        maxMemoryPercent, v, trendingWindowMinutes);
  }

  public Thresholds withTrendingWindowMinutes(int v) {
    return new Thresholds(maxAvgLatencyMs, maxP95LatencyMs, maxErrorRatePercent, maxQueryTimeMs, maxCpuPercent,
        maxMemoryPercent, analysisWindowMinutes, v);
  }
}
