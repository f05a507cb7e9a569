package io.perfwatch.exporter.config;

import static io.perfwatch.exporter.config.ExporterSettings.COLLECT_DETAILED_METRICS;
import static io.perfwatch.exporter.config.ExporterSettings.EXCLUDE_PATHS;
import static io.perfwatch.exporter.config.ExporterSettings.HISTORY_HOURS;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_QUERY_FINGERPRINTS;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_QUERY_LENGTH;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_ROUTES;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_TABLES;
import static io.perfwatch.exporter.config.ExporterSettings.MAX_TENANTS;
import static io.perfwatch.exporter.config.ExporterSettings.METRICS_RETENTION;
import static io.perfwatch.exporter.config.ExporterSettings.MONITORING_ENABLED;
import static io.perfwatch.exporter.config.ExporterSettings.N_PLUS_ONE_MIN_REPEATS;
import static io.perfwatch.exporter.config.ExporterSettings.SLOW_REQUEST_THRESHOLD_MS;
import static io.perfwatch.exporter.config.ExporterSettings.SYSTEM_SAMPLE_SECONDS;
import static io.perfwatch.exporter.config.ExporterSettings.TENANT_HEADER;
import static io.perfwatch.exporter.config.ExporterSettings.TRACK_TENANT_METRICS;
import static io.perfwatch.exporter.config.ExporterSettings.TRACK_USER_METRICS;
import static io.perfwatch.exporter.config.ExporterSettings.USER_HEADER;
import static io.perfwatch.exporter.config.ExporterSettings.VERY_SLOW_REQUEST_THRESHOLD_MS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every exporter setting, with the spec's names and defaults ({@link ExporterSettings} declares them). Build one in
 * code through {@link #builder()}, or read the {@code PERFORMANCE_*} environment through
 * {@link #fromEnvironment(Map)}. The constructor checks every value and combination, whichever path calls it, and
 * throws a {@link PerfWatchConfigException} listing every problem.
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

  public static final Set<String> DEFAULT_EXCLUDE_PATHS = EXCLUDE_PATHS.defaultValue();

  public PerfWatchConfig {
    excludePaths = Set.copyOf(excludePaths);
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(tenantHeader, "tenantHeader");
    Objects.requireNonNull(userHeader, "userHeader");
    List<String> problems = new ArrayList<>();
    METRICS_RETENTION.check("metricsRetention", metricsRetention, problems);
    SLOW_REQUEST_THRESHOLD_MS.check("slowRequestThresholdMs", slowRequestThresholdMs, problems);
    VERY_SLOW_REQUEST_THRESHOLD_MS.check("verySlowRequestThresholdMs", verySlowRequestThresholdMs, problems);
    if (verySlowRequestThresholdMs < slowRequestThresholdMs) {
      problems.add("verySlowRequestThresholdMs=" + verySlowRequestThresholdMs + " (" + VERY_SLOW_REQUEST_THRESHOLD_MS
          .name() + "): must not be below slowRequestThresholdMs=" + slowRequestThresholdMs + " ("
          + SLOW_REQUEST_THRESHOLD_MS.name() + ")");
    }
    for (String path : excludePaths) {
      if (!EXCLUDE_PATHS.accepts().test(Set.of(path))) {
        problems.add("excludePaths entry '" + path + "' (" + EXCLUDE_PATHS.name() + "): must start with '/'");
      }
    }
    TENANT_HEADER.check("tenantHeader", tenantHeader, problems);
    USER_HEADER.check("userHeader", userHeader, problems);
    N_PLUS_ONE_MIN_REPEATS.check("nPlusOneMinRepeats", nPlusOneMinRepeats, problems);
    MAX_QUERY_LENGTH.check("maxQueryLength", maxQueryLength, problems);
    SYSTEM_SAMPLE_SECONDS.check("systemSampleSeconds", systemSampleSeconds, problems);
    MAX_ROUTES.check("maxRoutes", maxRoutes, problems);
    MAX_TENANTS.check("maxTenants", maxTenants, problems);
    MAX_QUERY_FINGERPRINTS.check("maxQueryFingerprints", maxQueryFingerprints, problems);
    MAX_TABLES.check("maxTables", maxTables, problems);
    HISTORY_HOURS.check("historyHours", historyHours, problems);
    if (!problems.isEmpty()) {
      throw new PerfWatchConfigException(problems);
    }
  }

  public static PerfWatchConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads the {@code PERFORMANCE_*} variables; unset ones keep their defaults. */
  public static PerfWatchConfig fromEnvironment(Map<String, String> environment) {
    return ExporterSettings.config(SettingValues.read(ExporterSettings.ALL, environment));
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
    private boolean enabled = MONITORING_ENABLED.defaultValue();
    private int metricsRetention = METRICS_RETENTION.defaultValue();
    private double slowRequestThresholdMs = SLOW_REQUEST_THRESHOLD_MS.defaultValue();
    private double verySlowRequestThresholdMs = VERY_SLOW_REQUEST_THRESHOLD_MS.defaultValue();
    private boolean collectDetailedMetrics = COLLECT_DETAILED_METRICS.defaultValue();
    private Thresholds thresholds = Thresholds.defaults();
    private boolean trackUserMetrics = TRACK_USER_METRICS.defaultValue();
    private boolean trackTenantMetrics = TRACK_TENANT_METRICS.defaultValue();
    private Set<String> excludePaths = EXCLUDE_PATHS.defaultValue();
    private String tenantHeader = TENANT_HEADER.defaultValue();
    private String userHeader = USER_HEADER.defaultValue();
    private int nPlusOneMinRepeats = N_PLUS_ONE_MIN_REPEATS.defaultValue();
    private int maxQueryLength = MAX_QUERY_LENGTH.defaultValue();
    private int systemSampleSeconds = SYSTEM_SAMPLE_SECONDS.defaultValue();
    private int maxRoutes = MAX_ROUTES.defaultValue();
    private int maxTenants = MAX_TENANTS.defaultValue();
    private int maxQueryFingerprints = MAX_QUERY_FINGERPRINTS.defaultValue();
    private int maxTables = MAX_TABLES.defaultValue();
    private int historyHours = HISTORY_HOURS.defaultValue();

    private Builder() {}

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

    /** Checks every value and every combination (in the constructor); throws one exception naming all problems. */
    public PerfWatchConfig build() {
      return new PerfWatchConfig(enabled, metricsRetention, slowRequestThresholdMs, verySlowRequestThresholdMs,
          collectDetailedMetrics, thresholds, trackUserMetrics, trackTenantMetrics, excludePaths, tenantHeader,
          userHeader, nPlusOneMinRepeats, maxQueryLength, systemSampleSeconds, maxRoutes, maxTenants,
          maxQueryFingerprints, maxTables, historyHours);
    }
  }
}
