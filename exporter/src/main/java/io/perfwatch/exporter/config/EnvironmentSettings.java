package io.perfwatch.exporter.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Reads the {@code PERFORMANCE_*} environment variables into a {@link PerfWatchConfig.Builder}. */
final class EnvironmentSettings {
  private final Map<String, String> env;
  private final PerfWatchConfig.Builder builder = PerfWatchConfig.builder();
  private final List<String> problems = new ArrayList<>();
  private Thresholds thresholds = Thresholds.defaults();

  private EnvironmentSettings(Map<String, String> env) {
    this.env = env;
  }

  static PerfWatchConfig.Builder read(Map<String, String> env) {
    EnvironmentSettings s = new EnvironmentSettings(env);
    s.readAll();
    PerfWatchConfig.Builder builder = s.builder.thresholds(s.thresholds);
    if (!s.problems.isEmpty()) {
      // Report the values that did parse but are out of range too: one run shows every problem.
      List<String> all = new ArrayList<>(s.problems);
      try {
        builder.build();
      } catch (PerfWatchConfigException e) {
        all.addAll(e.problems());
      }
      throw new PerfWatchConfigException(all);
    }
    return builder;
  }

  private void readAll() {
    bool("PERFORMANCE_MONITORING_ENABLED", "enabled", builder::enabled);
    integer("PERFORMANCE_METRICS_RETENTION", "metricsRetention", builder::metricsRetention);
    decimal("PERFORMANCE_SLOW_REQUEST_THRESHOLD_MS", "slowRequestThresholdMs", builder::slowRequestThresholdMs);
    decimal("PERFORMANCE_VERY_SLOW_REQUEST_THRESHOLD_MS", "verySlowRequestThresholdMs",
        builder::verySlowRequestThresholdMs);
    bool("PERFORMANCE_COLLECT_DETAILED_METRICS", "collectDetailedMetrics", builder::collectDetailedMetrics);
    decimal("PERFORMANCE_MAX_AVG_LATENCY_MS", "maxAvgLatencyMs", v -> thresholds = thresholds.withMaxAvgLatencyMs(v));
    decimal("PERFORMANCE_MAX_P95_LATENCY_MS", "maxP95LatencyMs", v -> thresholds = thresholds.withMaxP95LatencyMs(v));
    decimal("PERFORMANCE_MAX_ERROR_RATE_PERCENT", "maxErrorRatePercent",
        v -> thresholds = thresholds.withMaxErrorRatePercent(v));
    decimal("PERFORMANCE_MAX_QUERY_TIME_MS", "maxQueryTimeMs", v -> thresholds = thresholds.withMaxQueryTimeMs(v));
    decimal("PERFORMANCE_MAX_CPU_PERCENT", "maxCpuPercent", v -> thresholds = thresholds.withMaxCpuPercent(v));
    decimal("PERFORMANCE_MAX_MEMORY_PERCENT", "maxMemoryPercent",
        v -> thresholds = thresholds.withMaxMemoryPercent(v));
    integer("PERFORMANCE_ANALYSIS_WINDOW_MINUTES", "analysisWindowMinutes",
        v -> thresholds = thresholds.withAnalysisWindowMinutes(v));
    integer("PERFORMANCE_TRENDING_WINDOW_MINUTES", "trendingWindowMinutes",
        v -> thresholds = thresholds.withTrendingWindowMinutes(v));
    bool("PERFORMANCE_TRACK_USER_METRICS", "trackUserMetrics", builder::trackUserMetrics);
    bool("PERFORMANCE_TRACK_TENANT_METRICS", "trackTenantMetrics", builder::trackTenantMetrics);
    text("PERFORMANCE_EXCLUDE_PATHS", "excludePaths", v -> builder.excludePaths(Arrays.stream(v.split(","))
        .map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new))));
    text("PERFORMANCE_TENANT_HEADER", "tenantHeader", builder::tenantHeader);
    text("PERFORMANCE_USER_HEADER", "userHeader", builder::userHeader);
    integer("PERFORMANCE_N_PLUS_ONE_MIN_REPEATS", "nPlusOneMinRepeats", builder::nPlusOneMinRepeats);
    integer("PERFORMANCE_MAX_QUERY_LENGTH", "maxQueryLength", builder::maxQueryLength);
    integer("PERFORMANCE_SYSTEM_SAMPLE_SECONDS", "systemSampleSeconds", builder::systemSampleSeconds);
    integer("PERFORMANCE_MAX_ROUTES", "maxRoutes", builder::maxRoutes);
    integer("PERFORMANCE_MAX_TENANTS", "maxTenants", builder::maxTenants);
    integer("PERFORMANCE_MAX_QUERY_FINGERPRINTS", "maxQueryFingerprints", builder::maxQueryFingerprints);
    integer("PERFORMANCE_MAX_TABLES", "maxTables", builder::maxTables);
    integer("PERFORMANCE_HISTORY_HOURS", "historyHours", builder::historyHours);
  }

  private @Nullable String value(String variable, String field) {
    String raw = env.get(variable);
    if (raw == null) {
      return null;
    }
    builder.source(field, variable);
    return raw.trim();
  }

  private void text(String variable, String field, Consumer<String> setter) {
    String v = value(variable, field);
    if (v != null) {
      setter.accept(v);
    }
  }

  private void bool(String variable, String field, Consumer<Boolean> setter) {
    String v = value(variable, field);
    if (v == null) {
      return;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> setter.accept(true);
      case "false", "0", "no", "off" -> setter.accept(false);
      default -> problems.add(variable + "='" + v + "': expected true or false");
    }
  }

  private void integer(String variable, String field, IntConsumer setter) {
    String v = value(variable, field);
    if (v == null) {
      return;
    }
    try {
      setter.accept(Integer.parseInt(v));
    } catch (NumberFormatException e) {
      problems.add(variable + "='" + v + "': expected a whole number");
    }
  }

  private void decimal(String variable, String field, DoubleConsumer setter) {
    String v = value(variable, field);
    if (v == null) {
      return;
    }
    try {
      setter.accept(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      problems.add(variable + "='" + v + "': expected a number");
    }
  }
}
