package io.perfwatch.exporter.config;

import static io.perfwatch.exporter.config.SettingGroup.EXPORTER;
import static io.perfwatch.exporter.config.SettingGroup.THRESHOLDS;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The exporter's {@code PERFORMANCE_*} variables, with the spec's names and defaults: the one place their
 * defaults and ranges are written. {@link PerfWatchConfig}'s builder starts from these defaults and its
 * constructor checks these ranges.
 */
public final class ExporterSettings {
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  private static final String HEADER_ALLOWED = "an HTTP header name (letters, digits and -)";
  private static final double NO_MAX = Double.MAX_VALUE;

  public static final Setting<Boolean> MONITORING_ENABLED = Setting.flag("PERFORMANCE_MONITORING_ENABLED", EXPORTER,
      true, "Record requests and statements at all.");
  public static final Setting<Integer> METRICS_RETENTION = Setting.integer("PERFORMANCE_METRICS_RETENTION",
      EXPORTER, 10_000, 1, 10_000_000, "Raw samples kept per ring buffer (requests, statements, host, N+1).");
  public static final Setting<Double> SLOW_REQUEST_THRESHOLD_MS = Setting.decimal(
      "PERFORMANCE_SLOW_REQUEST_THRESHOLD_MS", EXPORTER, 1000, NO_MAX, "Requests slower than this are logged (warn).");
  public static final Setting<Double> VERY_SLOW_REQUEST_THRESHOLD_MS = Setting.decimal(
      "PERFORMANCE_VERY_SLOW_REQUEST_THRESHOLD_MS", EXPORTER, 5000, NO_MAX,
      "Requests slower than this are logged as errors; not below the slow threshold.");
  public static final Setting<Boolean> COLLECT_DETAILED_METRICS = Setting.flag(
      "PERFORMANCE_COLLECT_DETAILED_METRICS", EXPORTER, false,
      "Per-request CPU time and allocated bytes of the request thread (about 1 us per request).");
  public static final Setting<Boolean> TRACK_USER_METRICS = Setting.flag("PERFORMANCE_TRACK_USER_METRICS", EXPORTER,
      true, "Keep the user id in raw request samples (never in metric labels).");
  public static final Setting<Boolean> TRACK_TENANT_METRICS = Setting.flag("PERFORMANCE_TRACK_TENANT_METRICS",
      EXPORTER, true, "Count requests per tenant.");
  public static final Setting<Set<String>> EXCLUDE_PATHS = Setting.of("PERFORMANCE_EXCLUDE_PATHS", EXPORTER,
      "path list", Set.of("/health", "/metrics", "/favicon.ico"), "/health,/metrics,/favicon.ico",
      "comma-separated paths starting with /", "Paths (and the paths below them) that are not recorded.",
      ExporterSettings::paths, v -> v.stream().allMatch(p -> p.startsWith("/")));
  public static final Setting<String> TENANT_HEADER = Setting.text("PERFORMANCE_TENANT_HEADER", EXPORTER,
      "X-Tenant-ID", HEADER, HEADER_ALLOWED, "Request header naming the tenant.");
  public static final Setting<String> USER_HEADER = Setting.text("PERFORMANCE_USER_HEADER", EXPORTER, "X-User-ID",
      HEADER, HEADER_ALLOWED, "Request header naming the user.");
  public static final Setting<Integer> N_PLUS_ONE_MIN_REPEATS = Setting.integer("PERFORMANCE_N_PLUS_ONE_MIN_REPEATS",
      EXPORTER, 5, 2, 10_000, "The same SELECT fingerprint this often in one request is an N+1 finding.");
  public static final Setting<Integer> MAX_QUERY_LENGTH = Setting.integer("PERFORMANCE_MAX_QUERY_LENGTH", EXPORTER,
      1000, 32, 100_000, "Normalized SQL is cut to this many characters.");
  public static final Setting<Integer> SYSTEM_SAMPLE_SECONDS = Setting.integer("PERFORMANCE_SYSTEM_SAMPLE_SECONDS",
      EXPORTER, 15, 1, 3600, "Seconds between host samples (CPU, memory, disk).");
  public static final Setting<Integer> MAX_ROUTES = Setting.integer("PERFORMANCE_MAX_ROUTES", EXPORTER, 500, 1,
      100_000, "Route templates with series of their own; more become uri=\"OTHER\".");
  public static final Setting<Integer> MAX_TENANTS = Setting.integer("PERFORMANCE_MAX_TENANTS", EXPORTER, 100, 1,
      100_000, "Tenants with series of their own; more become OTHER.");
  public static final Setting<Integer> MAX_QUERY_FINGERPRINTS = Setting.integer(
      "PERFORMANCE_MAX_QUERY_FINGERPRINTS", EXPORTER, 1000, 1, 100_000, "SQL fingerprints kept; more become OTHER.");
  public static final Setting<Integer> MAX_TABLES = Setting.integer("PERFORMANCE_MAX_TABLES", EXPORTER, 200, 1,
      100_000, "Table label values; more become OTHER.");
  public static final Setting<Integer> HISTORY_HOURS = Setting.integer("PERFORMANCE_HISTORY_HOURS", EXPORTER, 24, 1,
      168, "Hours of per-minute rollups the store keeps.");

  public static final Setting<Double> MAX_AVG_LATENCY_MS = Setting.decimal("PERFORMANCE_MAX_AVG_LATENCY_MS",
      THRESHOLDS, 1000, NO_MAX, "Average latency of an endpoint that raises an alert (ms).");
  public static final Setting<Double> MAX_P95_LATENCY_MS = Setting.decimal("PERFORMANCE_MAX_P95_LATENCY_MS",
      THRESHOLDS, 2000, NO_MAX, "p95 latency of an endpoint that raises an alert (ms).");
  public static final Setting<Double> MAX_ERROR_RATE_PERCENT = Setting.decimal("PERFORMANCE_MAX_ERROR_RATE_PERCENT",
      THRESHOLDS, 5, 100, "Share of failing (5xx) requests that raises an alert.");
  public static final Setting<Double> MAX_QUERY_TIME_MS = Setting.decimal("PERFORMANCE_MAX_QUERY_TIME_MS",
      THRESHOLDS, 500, NO_MAX, "p95 duration of a SQL fingerprint that raises an alert (ms).");
  public static final Setting<Double> MAX_CPU_PERCENT = Setting.decimal("PERFORMANCE_MAX_CPU_PERCENT", THRESHOLDS,
      80, 100, "Host CPU usage that raises an alert.");
  public static final Setting<Double> MAX_MEMORY_PERCENT = Setting.decimal("PERFORMANCE_MAX_MEMORY_PERCENT",
      THRESHOLDS, 85, 100, "Host memory usage that raises an alert.");
  public static final Setting<Integer> ANALYSIS_WINDOW_MINUTES = Setting.integer(
      "PERFORMANCE_ANALYSIS_WINDOW_MINUTES", THRESHOLDS, 5, 1, 1440, "Default analysis window (minutes).");
  public static final Setting<Integer> TRENDING_WINDOW_MINUTES = Setting.integer(
      "PERFORMANCE_TRENDING_WINDOW_MINUTES", THRESHOLDS, 60, 1, 1440, "Default baseline window of trends (minutes).");

  /** Every exporter setting, in the reference's order. */
  public static final List<Setting<?>> ALL = List.of(MONITORING_ENABLED, METRICS_RETENTION,
      SLOW_REQUEST_THRESHOLD_MS, VERY_SLOW_REQUEST_THRESHOLD_MS, COLLECT_DETAILED_METRICS, TRACK_USER_METRICS,
      TRACK_TENANT_METRICS, EXCLUDE_PATHS, TENANT_HEADER, USER_HEADER, N_PLUS_ONE_MIN_REPEATS, MAX_QUERY_LENGTH,
      SYSTEM_SAMPLE_SECONDS, MAX_ROUTES, MAX_TENANTS, MAX_QUERY_FINGERPRINTS, MAX_TABLES, HISTORY_HOURS,
      MAX_AVG_LATENCY_MS, MAX_P95_LATENCY_MS, MAX_ERROR_RATE_PERCENT, MAX_QUERY_TIME_MS, MAX_CPU_PERCENT,
      MAX_MEMORY_PERCENT, ANALYSIS_WINDOW_MINUTES, TRENDING_WINDOW_MINUTES);

  private ExporterSettings() {}

  /** The exporter's configuration from values read over (at least) {@link #ALL}. */
  public static PerfWatchConfig config(SettingValues v) {
    return PerfWatchConfig.builder()
        .enabled(v.get(MONITORING_ENABLED)).metricsRetention(v.get(METRICS_RETENTION))
        .slowRequestThresholdMs(v.get(SLOW_REQUEST_THRESHOLD_MS))
        .verySlowRequestThresholdMs(v.get(VERY_SLOW_REQUEST_THRESHOLD_MS))
        .collectDetailedMetrics(v.get(COLLECT_DETAILED_METRICS)).thresholds(thresholds(v))
        .trackUserMetrics(v.get(TRACK_USER_METRICS)).trackTenantMetrics(v.get(TRACK_TENANT_METRICS))
        .excludePaths(v.get(EXCLUDE_PATHS)).tenantHeader(v.get(TENANT_HEADER)).userHeader(v.get(USER_HEADER))
        .nPlusOneMinRepeats(v.get(N_PLUS_ONE_MIN_REPEATS)).maxQueryLength(v.get(MAX_QUERY_LENGTH))
        .systemSampleSeconds(v.get(SYSTEM_SAMPLE_SECONDS)).maxRoutes(v.get(MAX_ROUTES))
        .maxTenants(v.get(MAX_TENANTS)).maxQueryFingerprints(v.get(MAX_QUERY_FINGERPRINTS))
        .maxTables(v.get(MAX_TABLES)).historyHours(v.get(HISTORY_HOURS)).build();
  }

  private static Thresholds thresholds(SettingValues v) {
    return new Thresholds(v.get(MAX_AVG_LATENCY_MS), v.get(MAX_P95_LATENCY_MS), v.get(MAX_ERROR_RATE_PERCENT),
        v.get(MAX_QUERY_TIME_MS), v.get(MAX_CPU_PERCENT), v.get(MAX_MEMORY_PERCENT), v.get(ANALYSIS_WINDOW_MINUTES),
        v.get(TRENDING_WINDOW_MINUTES));
  }

  private static Set<String> paths(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(p -> !p.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
