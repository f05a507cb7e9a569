package io.perfwatch.exporter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every exporter setting, with the spec's names and defaults. Build one in code through {@link #builder()}, or read
 * the {@code PERFORMANCE_*} environment through {@link #fromEnvironment(Map)}; both validate everything and throw a
 * {@link PerfWatchConfigException} listing every bad value.
 */
public record PerfWatchConfig(
    boolean enabled,
    int metricsRetention,
    double slowRequestThresholdMs,
    double verySlowRequestThresholdMs,
    boolean collectDetailedMetrics,
    Thresholds thresholds,
    boolean trackUserMetrics,
    boolean trackTenantMetrics,
    Set<String> excludePaths,
    String tenantHeader,
    String userHeader,
    int nPlusOneMinRepeats,
    int maxQueryLength,
    int systemSampleSeconds,
    int maxRoutes,
    int maxTenants,
    int maxQueryFingerprints,
    int maxTables,
    int historyHours) {

  public static final Set<String> DEFAULT_EXCLUDE_PATHS = Set.of("/health", "/metrics", "/favicon.ico");

  public PerfWatchConfig {
    excludePaths = Set.copyOf(excludePaths);
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(tenantHeader, "tenantHeader");
    Objects.requireNonNull(userHeader, "userHeader");
  }

  public static PerfWatchConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads the {@code PERFORMANCE_*} variables; unset ones keep their defaults. */
  public static PerfWatchConfig fromEnvironment(Map<String, String> environment) {
    return EnvironmentSettings.read(environment).build();
  }

  public static PerfWatchConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** True when {@code path} is {@code excluded} or lies below it. */
  public static boolean isAtOrBelow(String path, String excluded) {
    return path.equals(excluded) || isBelow(path, excluded);
  }

  private static boolean isBelow(String path, String excluded) {
    return path.length() > excluded.length() && path.startsWith(excluded) && path.charAt(excluded.length()) == '/';
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.enabled = enabled;
    b.metricsRetention = metricsRetention;
    b.slowRequestThresholdMs = slowRequestThresholdMs;
    b.verySlowRequestThresholdMs = verySlowRequestThresholdMs;
    b.collectDetailedMetrics = collectDetailedMetrics;
    b.thresholds = thresholds;
    b.trackUserMetrics = trackUserMetrics;
    b.trackTenantMetrics = trackTenantMetrics;
    b.excludePaths = excludePaths;
    b.tenantHeader = tenantHeader;
    b.userHeader = userHeader;
    b.nPlusOneMinRepeats = nPlusOneMinRepeats;
    b.maxQueryLength = maxQueryLength;
    b.systemSampleSeconds = systemSampleSeconds;
    b.maxRoutes = maxRoutes;
    b.maxTenants = maxTenants;
    b.maxQueryFingerprints = maxQueryFingerprints;
    b.maxTables = maxTables;
    b.historyHours = historyHours;
    return b;
  }

  /** Settings in code; names follow the spec's middleware options and environment variables. */
  public static final class Builder {
    private boolean enabled = true;
    private int metricsRetention = 10_000;
    private double slowRequestThresholdMs = 1000;
    private double verySlowRequestThresholdMs = 5000;
    private boolean collectDetailedMetrics;
    private Thresholds thresholds = Thresholds.defaults();
    private boolean trackUserMetrics = true;
    private boolean trackTenantMetrics = true;
    private Set<String> excludePaths = DEFAULT_EXCLUDE_PATHS;
    private String tenantHeader = "X-Tenant-ID";
    private String userHeader = "X-User-ID";
    private int nPlusOneMinRepeats = 5;
    private int maxQueryLength = 1000;
    private int systemSampleSeconds = 15;
    private int maxRoutes = 500;
    private int maxTenants = 100;
    private int maxQueryFingerprints = 1000;
    private int maxTables = 200;
    private int historyHours = 24;
    /** Where a value came from (an environment variable), so that errors name what the user actually wrote. */
    private final Map<String, String> sources = new java.util.HashMap<>();

    private Builder() {}

    Builder source(String field, String variable) {
      sources.put(field, variable);
      return this;
    }

    public Builder enabled(boolean v) { enabled = v; return this; }
    public Builder metricsRetention(int v) { metricsRetention = v; return this; }
    public Builder slowRequestThresholdMs(double v) { slowRequestThresholdMs = v; return this; }
    public Builder verySlowRequestThresholdMs(double v) { verySlowRequestThresholdMs = v; return this; }
    public Builder collectDetailedMetrics(boolean v) { collectDetailedMetrics = v; return this; }
    public Builder thresholds(Thresholds v) { thresholds = Objects.requireNonNull(v, "thresholds"); return this; }
    public Builder trackUserMetrics(boolean v) { trackUserMetrics = v; return this; }
    public Builder trackTenantMetrics(boolean v) { trackTenantMetrics = v; return this; }
    public Builder excludePaths(Set<String> v) { excludePaths = Set.copyOf(v); return this; }
    public Builder tenantHeader(String v) { tenantHeader = Objects.requireNonNull(v, "tenantHeader"); return this; }
    public Builder userHeader(String v) { userHeader = Objects.requireNonNull(v, "userHeader"); return this; }
    public Builder nPlusOneMinRepeats(int v) { nPlusOneMinRepeats = v; return this; }
    public Builder maxQueryLength(int v) { maxQueryLength = v; return this; }
    public Builder systemSampleSeconds(int v) { systemSampleSeconds = v; return this; }
    public Builder maxRoutes(int v) { maxRoutes = v; return this; }
    public Builder maxTenants(int v) { maxTenants = v; return this; }
    public Builder maxQueryFingerprints(int v) { maxQueryFingerprints = v; return this; }
    public Builder maxTables(int v) { maxTables = v; return this; }
    public Builder historyHours(int v) { historyHours = v; return this; }

    /** Checks every value and every combination; throws one exception naming all problems. */
    public PerfWatchConfig build() {
      List<String> problems = new ArrayList<>();
      range(problems, "metricsRetention", metricsRetention, 1, 10_000_000);
      positive(problems, "slowRequestThresholdMs", slowRequestThresholdMs);
      positive(problems, "verySlowRequestThresholdMs", verySlowRequestThresholdMs);
      if (verySlowRequestThresholdMs < slowRequestThresholdMs) {
        problems.add(name("verySlowRequestThresholdMs") + "=" + verySlowRequestThresholdMs
            + ": must not be below " + name("slowRequestThresholdMs") + "=" + slowRequestThresholdMs);
      }
      positive(problems, "maxAvgLatencyMs", thresholds.maxAvgLatencyMs());
      positive(problems, "maxP95LatencyMs", thresholds.maxP95LatencyMs());
      percent(problems, "maxErrorRatePercent", thresholds.maxErrorRatePercent());
      positive(problems, "maxQueryTimeMs", thresholds.maxQueryTimeMs());
      percent(problems, "maxCpuPercent", thresholds.maxCpuPercent());
      percent(problems, "maxMemoryPercent", thresholds.maxMemoryPercent());
      range(problems, "analysisWindowMinutes", thresholds.analysisWindowMinutes(), 1, 1440);
      range(problems, "trendingWindowMinutes", thresholds.trendingWindowMinutes(), 1, 1440);
      for (String path : excludePaths) {
        if (!path.startsWith("/")) {
          problems.add(name("excludePaths") + " entry '" + path + "': must start with '/'");
        }
      }
      header(problems, "tenantHeader", tenantHeader);
      header(problems, "userHeader", userHeader);
      range(problems, "nPlusOneMinRepeats", nPlusOneMinRepeats, 2, 10_000);
      range(problems, "maxQueryLength", maxQueryLength, 32, 100_000);
      range(problems, "systemSampleSeconds", systemSampleSeconds, 1, 3600);
      range(problems, "maxRoutes", maxRoutes, 1, 100_000);
      range(problems, "maxTenants", maxTenants, 1, 100_000);
      range(problems, "maxQueryFingerprints", maxQueryFingerprints, 1, 100_000);
      range(problems, "maxTables", maxTables, 1, 100_000);
      range(problems, "historyHours", historyHours, 1, 168);
      if (!problems.isEmpty()) {
        throw new PerfWatchConfigException(problems);
      }
      return new PerfWatchConfig(enabled, metricsRetention, slowRequestThresholdMs, verySlowRequestThresholdMs,
          collectDetailedMetrics, thresholds, trackUserMetrics, trackTenantMetrics, excludePaths, tenantHeader,
          userHeader, nPlusOneMinRepeats, maxQueryLength, systemSampleSeconds, maxRoutes, maxTenants,
          maxQueryFingerprints, maxTables, historyHours);
    }

    private String name(String field) {
      return sources.getOrDefault(field, field);
    }

    private void range(List<String> problems, String name, int value, int min, int max) {
      if (value < min || value > max) {
        problems.add(name(name) + "=" + value + ": expected a whole number from " + min + " to " + max);
      }
    }

    private void positive(List<String> problems, String name, double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        problems.add(name(name) + "=" + value + ": expected a number greater than 0");
      }
    }

    private void percent(List<String> problems, String name, double value) {
      if (!(value > 0 && value <= 100)) {
        problems.add(name(name) + "=" + value + ": expected a percentage greater than 0 and at most 100");
      }
    }

    private void header(List<String> problems, String name, String value) {
      if (!value.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        problems.add(name(name) + "='" + value + "': expected an HTTP header name (letters, digits and -)");
      }
    }
  }
}
