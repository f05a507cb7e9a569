package io.perfwatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerfWatchConfigTest {

  @Test
  void defaultsAreTheSpecsValues() {
    PerfWatchConfig config = PerfWatchConfig.fromEnvironment(Map.of());

    assertThat(config.enabled()).isTrue();
    assertThat(config.metricsRetention()).isEqualTo(10_000);
    assertThat(config.slowRequestThresholdMs()).isEqualTo(1000);
    assertThat(config.verySlowRequestThresholdMs()).isEqualTo(5000);
    assertThat(config.collectDetailedMetrics()).isFalse();
    assertThat(config.thresholds()).isEqualTo(new Thresholds(1000, 2000, 5, 500, 80, 85, 5, 60));
    assertThat(config.excludePaths()).containsExactlyInAnyOrder("/health", "/metrics", "/favicon.ico");
    assertThat(config.tenantHeader()).isEqualTo("X-Tenant-ID");
    assertThat(config.userHeader()).isEqualTo("X-User-ID");
    assertThat(config.nPlusOneMinRepeats()).isEqualTo(5);
    assertThat(config.systemSampleSeconds()).isEqualTo(15);
    assertThat(config.maxRoutes()).isEqualTo(500);
    assertThat(config.maxTenants()).isEqualTo(100);
    assertThat(config.maxQueryFingerprints()).isEqualTo(1000);
    assertThat(config.historyHours()).isEqualTo(24);
    assertThat(config).isEqualTo(PerfWatchConfig.defaults());
  }

  @Test
  void readsEveryVariable() {
    PerfWatchConfig config = PerfWatchConfig.fromEnvironment(Map.ofEntries(
        Map.entry("PERFORMANCE_MONITORING_ENABLED", "false"),
        Map.entry("PERFORMANCE_METRICS_RETENTION", "500"),
        Map.entry("PERFORMANCE_SLOW_REQUEST_THRESHOLD_MS", "250"),
        Map.entry("PERFORMANCE_VERY_SLOW_REQUEST_THRESHOLD_MS", "900"),
        Map.entry("PERFORMANCE_COLLECT_DETAILED_METRICS", "true"),
        Map.entry("PERFORMANCE_MAX_AVG_LATENCY_MS", "500"),
        Map.entry("PERFORMANCE_MAX_P95_LATENCY_MS", "1000"),
        Map.entry("PERFORMANCE_MAX_ERROR_RATE_PERCENT", "2"),
        Map.entry("PERFORMANCE_MAX_QUERY_TIME_MS", "200"),
        Map.entry("PERFORMANCE_MAX_CPU_PERCENT", "70"),
        Map.entry("PERFORMANCE_MAX_MEMORY_PERCENT", "75"),
        Map.entry("PERFORMANCE_ANALYSIS_WINDOW_MINUTES", "3"),
        Map.entry("PERFORMANCE_TRENDING_WINDOW_MINUTES", "10"),
        Map.entry("PERFORMANCE_TRACK_USER_METRICS", "false"),
        Map.entry("PERFORMANCE_TRACK_TENANT_METRICS", "no"),
        Map.entry("PERFORMANCE_EXCLUDE_PATHS", " /ping, /ready ,"),
        Map.entry("PERFORMANCE_TENANT_HEADER", "X-Org"),
        Map.entry("PERFORMANCE_USER_HEADER", "X-Account"),
        Map.entry("PERFORMANCE_N_PLUS_ONE_MIN_REPEATS", "3"),
        Map.entry("PERFORMANCE_MAX_QUERY_LENGTH", "200"),
        Map.entry("PERFORMANCE_SYSTEM_SAMPLE_SECONDS", "5"),
        Map.entry("PERFORMANCE_MAX_ROUTES", "50"),
        Map.entry("PERFORMANCE_MAX_TENANTS", "10"),
        Map.entry("PERFORMANCE_MAX_QUERY_FINGERPRINTS", "100"),
        Map.entry("PERFORMANCE_MAX_TABLES", "20"),
        Map.entry("PERFORMANCE_HISTORY_HOURS", "48")));

    assertThat(config).isEqualTo(PerfWatchConfig.builder()
        .enabled(false).metricsRetention(500).slowRequestThresholdMs(250).verySlowRequestThresholdMs(900)
        .collectDetailedMetrics(true)
        .thresholds(new Thresholds(500, 1000, 2, 200, 70, 75, 3, 10))
        .trackUserMetrics(false).trackTenantMetrics(false).excludePaths(Set.of("/ping", "/ready"))
        .tenantHeader("X-Org").userHeader("X-Account").nPlusOneMinRepeats(3).maxQueryLength(200)
        .systemSampleSeconds(5).maxRoutes(50).maxTenants(10).maxQueryFingerprints(100).maxTables(20)
        .historyHours(48).build());
  }

  @Test
  void rejectsAValueThatIsNotANumberNamingTheVariable() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> PerfWatchConfig.fromEnvironment(Map.of("PERFORMANCE_METRICS_RETENTION", "abc")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_METRICS_RETENTION='abc': expected a whole number from 1 "
            + "to 10000000");
  }

  @Test
  void reportsEveryBadValueAtOnce() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> PerfWatchConfig.fromEnvironment(Map.of(
            "PERFORMANCE_MAX_P95_LATENCY_MS", "-5",
            "PERFORMANCE_MAX_CPU_PERCENT", "120",
            "PERFORMANCE_MONITORING_ENABLED", "maybe",
            "PERFORMANCE_METRICS_RETENTION", "0")))
        .withMessage("4 invalid perfwatch settings:\n"
            + "  PERFORMANCE_MONITORING_ENABLED='maybe': expected true or false\n"
            + "  PERFORMANCE_METRICS_RETENTION='0': expected a whole number from 1 to 10000000\n"
            + "  PERFORMANCE_MAX_P95_LATENCY_MS='-5': expected a number greater than 0\n"
            + "  PERFORMANCE_MAX_CPU_PERCENT='120': expected a percentage greater than 0 and at most 100");
  }

  @Test
  void builderNamesItsFieldsAndChecksCombinations() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> PerfWatchConfig.builder().slowRequestThresholdMs(2000).verySlowRequestThresholdMs(1000)
            .excludePaths(Set.of("health")).tenantHeader("X Tenant").build())
        .satisfies(e -> assertThat(e.problems()).containsExactly(
            "verySlowRequestThresholdMs=1000.0 (PERFORMANCE_VERY_SLOW_REQUEST_THRESHOLD_MS): must not be below "
                + "slowRequestThresholdMs=2000.0 (PERFORMANCE_SLOW_REQUEST_THRESHOLD_MS)",
            "excludePaths entry 'health' (PERFORMANCE_EXCLUDE_PATHS): must start with '/'",
            "tenantHeader=X Tenant (PERFORMANCE_TENANT_HEADER): expected an HTTP header name (letters, digits and -)"));
  }

  @Test
  void maxRoutesZeroIsRejectedByEveryPath() {
    String expected = "Invalid perfwatch setting: maxRoutes=0 (PERFORMANCE_MAX_ROUTES): expected a whole number "
        + "from 1 to 100000";
    PerfWatchConfig valid = PerfWatchConfig.defaults();

    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> PerfWatchConfig.builder().maxRoutes(0).build()).withMessage(expected);
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> valid.toBuilder().maxRoutes(0).build()).withMessage(expected);
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> new PerfWatchConfig(true, 10, 1, 2, false, Thresholds.defaults(), true, true, Set.of(),
            "X-T", "X-U", 5, 100, 15, 0, 1, 1, 1, 1)).withMessage(expected);
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> PerfWatchConfig.fromEnvironment(Map.of("PERFORMANCE_MAX_ROUTES", "0")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_MAX_ROUTES='0': expected a whole number from 1 to 100000");
  }

  @Test
  void thresholdsCheckEveryValueInTheirConstructor() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> new Thresholds(0, 2000, 101, 500, 80, 85, 5, 0))
        .satisfies(e -> assertThat(e.problems()).containsExactly(
            "maxAvgLatencyMs=0.0 (PERFORMANCE_MAX_AVG_LATENCY_MS): expected a number greater than 0",
            "maxErrorRatePercent=101.0 (PERFORMANCE_MAX_ERROR_RATE_PERCENT): expected a percentage greater than 0 "
                + "and at most 100",
            "trendingWindowMinutes=0 (PERFORMANCE_TRENDING_WINDOW_MINUTES): expected a whole number from 1 to 1440"));
  }

  @Test
  void blankMeansUnsetForEveryVariable() {
    Map<String, String> blank = new java.util.HashMap<>();
    ExporterSettings.ALL.forEach(s -> blank.put(s.name(), "  "));

    assertThat(PerfWatchConfig.fromEnvironment(blank)).isEqualTo(PerfWatchConfig.defaults());
  }

  @Test
  void anExcludedPathCoversItselfAndThePathsBelowIt() {
    assertThat(PerfWatchConfig.isAtOrBelow("/metrics", "/metrics")).isTrue();
    assertThat(PerfWatchConfig.isAtOrBelow("/metrics/extra", "/metrics")).isTrue();
    assertThat(PerfWatchConfig.isAtOrBelow("/metricsfoo", "/metrics")).isFalse();
    assertThat(PerfWatchConfig.isAtOrBelow("/api/v1/performance/health", "/health")).isFalse();
  }
}
