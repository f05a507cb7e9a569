package io.perfwatch.exporter.config;

/**
 * The spec's {@code PerformanceThresholds}: alerting defaults that the rule file refers to by environment variable.
 * Values are checked by {@link PerfWatchConfig.Builder#build()}.
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

  /** The spec's defaults: avg 1000 ms, p95 2000 ms, 5 % errors, 500 ms queries, 80 % CPU, 85 % memory. */
  public static Thresholds defaults() {
    return new Thresholds(1000, 2000, 5, 500, 80, 85, 5, 60);
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
