package io.perfwatch.service.report;

import io.perfwatch.exporter.config.Thresholds;

/**
 * The 0..100 health score, from four penalties that add up to at most 100:
 * <ul>
 *   <li>latency, up to 25: 0 while p95 is at most half its threshold, growing linearly to 25 at twice it;
 *   <li>errors, up to 30: the 5xx rate relative to four times its threshold (the spec's "critical" level);
 *   <li>alerts, up to 30: 15 per critical, 8 per high, 3 per medium and 1 per low active alert;
 *   <li>resources, up to 15: CPU and memory, 7.5 each, from 75 % of their threshold up to 100 % use.
 * </ul>
 * A window without traffic has no latency or error penalty; an unreadable CPU or memory figure has none either.
 */
public record HealthScore(int score, String status, String health) {

  public static HealthScore of(Inputs in, Thresholds t) {
    double latency = in.requests() == 0 ? 0
        : 25 * clamp((in.p95Ms() / t.maxP95LatencyMs() - 0.5) / 1.5);
    double errors = in.requests() == 0 ? 0 : 30 * clamp(in.errorRatePercent() / (4 * t.maxErrorRatePercent()));
    double alerts = Math.min(30, 15.0 * in.critical() + 8.0 * in.high() + 3.0 * in.medium() + in.low());
    double resources = resource(in.cpuPercent(), t.maxCpuPercent()) + resource(in.memoryPercent(), t.maxMemoryPercent());
    int score = (int) Math.round(Math.max(0, Math.min(100, 100 - latency - errors - alerts - resources)));
    return new HealthScore(score, status(score), health(score, in));
  }

  /** What the score is computed from: totals of the window and the active alerts. */
  public record Inputs(long requests, double p95Ms, double errorRatePercent, int critical, int high, int medium,
      int low, double cpuPercent, double memoryPercent) {}

  /** The summary report's wording: excellent (90+), good (75+), fair (50+), poor. */
  static String status(int score) {
    return score >= 90 ? "excellent" : score >= 75 ? "good" : score >= 50 ? "fair" : "poor";
  }

  /** The health endpoint's: unhealthy below 50 or with a critical alert, degraded below 75 or with a high one. */
  static String health(int score, Inputs in) {
    if (score < 50 || in.critical() > 0) {
      return "unhealthy";
    }
    return score < 75 || in.high() > 0 ? "degraded" : "healthy";
  }

  private static double resource(double percent, double threshold) {
    if (Double.isNaN(percent)) {
      return 0;
    }
    double start = 0.75 * threshold;
    return 7.5 * clamp((percent - start) / (100 - start));
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }
}
