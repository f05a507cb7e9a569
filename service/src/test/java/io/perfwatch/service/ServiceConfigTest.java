package io.perfwatch.service;

import io.perfwatch.exporter.config.PerfWatchConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.rules.source.ScrapeTargets;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

  @Test
  void defaultsToPort8080OnEmbeddedH2WithoutTraffic() {
    ServiceConfig config = ServiceConfig.fromEnvironment(Map.of());

    assertThat(config).isEqualTo(new ServiceConfig(8080, Optional.empty(), false, PerfWatchConfig.defaults(),
        MonitoringSettings.defaults()));
  }

  @Test
  void readsTheServiceVariables() {
    ServiceConfig config = ServiceConfig.fromEnvironment(Map.of(
        "PERFORMANCE_HTTP_PORT", " 9090 ",
        "PERFORMANCE_DATABASE_URL", "jdbc:postgresql://db:5432/finance",
        "PERFORMANCE_DATABASE_USER", "app",
        "PERFORMANCE_DATABASE_PASSWORD", "secret",
        "PERFORMANCE_DEMO_TRAFFIC", "true",
        "PERFORMANCE_N_PLUS_ONE_MIN_REPEATS", "3"));

    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.database()).contains(new DatabaseSettings("jdbc:postgresql://db:5432/finance", "app", "secret"));
    assertThat(config.demoTraffic()).isTrue();
    assertThat(config.perfWatch().nPlusOneMinRepeats()).isEqualTo(3);
  }

  @Test
  void rejectsAPortOutOfRange() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_HTTP_PORT", "65536")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_HTTP_PORT='65536': expected a whole number from 0 to "
            + "65535");
  }

  @Test
  void rejectsAnUnsupportedDatabaseUrl() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_DATABASE_URL", "mysql://db/finance")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_DATABASE_URL (18 characters, not shown): expected a "
            + "JDBC URL starting with jdbc:h2: or jdbc:postgresql:");
  }

  @Test
  void rejectsAnExternalUrlThatIsNotAnHttpUrl() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_EXTERNAL_URL", "perfwatch:8080")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_EXTERNAL_URL='perfwatch:8080': expected the "
            + "http(s) URL users reach perfwatch at, such as https://perfwatch.example.com");
  }

  @Test
  void externalUrlKeepsItsPathWithoutTheTrailingSlashAndDefaultsToThisHostAndPort() throws Exception {
    assertThat(ExternalUrl.parse("https://example.com/perfwatch/")).contains(URI.create(
        "https://example.com/perfwatch"));
    assertThat(ExternalUrl.parse(" ")).isEmpty();
    assertThat(ExternalUrl.defaultFor(8080)).isEqualTo(URI.create("http://"
        + java.net.InetAddress.getLocalHost().getHostName() + ":8080"));
  }

  @Test
  void rejectsCredentialsWithoutUrl() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_DATABASE_USER", "app")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_DATABASE_USER/PERFORMANCE_DATABASE_PASSWORD are set "
            + "but PERFORMANCE_DATABASE_URL is not: set the URL too, or unset them to use the embedded H2 database");
  }

  @Test
  void reportsServiceAndExporterProblemsTogether() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of(
            "PERFORMANCE_DEMO_TRAFFIC", "sometimes",
            "PERFORMANCE_METRICS_RETENTION", "lots")))
        .withMessage("2 invalid perfwatch settings:\n"
            + "  PERFORMANCE_METRICS_RETENTION='lots': expected a whole number from 1 to 10000000\n"
            + "  PERFORMANCE_DEMO_TRAFFIC='sometimes': expected true or false")
        .satisfies(e -> assertThat(e.problems()).hasSize(2));
  }

  @Test
  void readsTheSourcesAndSinksOnceIntoTypedValues() {
    MonitoringSettings monitoring = ServiceConfig.fromEnvironment(Map.of(
        "PERFORMANCE_SCRAPE_TARGETS", "http://orders:8080/metrics, users=http://10.0.0.6:8080/metrics",
        "PERFORMANCE_ALERTMANAGER_URL", "http://alertmanager:9093",
        "PERFORMANCE_ALERT_HISTORY_HOURS", "12",
        "PERFORMANCE_CORS_ORIGINS", " https://dash.example , ")).monitoring();

    assertThat(monitoring.values().get(ServiceSettings.SCRAPE_TARGETS)).containsExactly(
        new ScrapeTargets.Target("orders", URI.create("http://orders:8080/metrics")),
        new ScrapeTargets.Target("users", URI.create("http://10.0.0.6:8080/metrics")));
    assertThat(monitoring.values().get(ServiceSettings.ALERTMANAGER_URL)).contains(
        URI.create("http://alertmanager:9093"));
    assertThat(monitoring.values().get(ServiceSettings.ALERT_HISTORY_HOURS)).isEqualTo(12);
    assertThat(monitoring.corsOrigins()).containsExactly("https://dash.example");
  }

  /** These four were read raw elsewhere and failed later, one at a time (the history as a bare exception). */
  @Test
  void reportsTheSourceAndSinkSettingsAtStartUpTogether() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of(
            "PERFORMANCE_ALERT_HISTORY_HOURS", "x",
            "PERFORMANCE_PROMETHEUS_URL", "prometheus:9090",
            "PERFORMANCE_SCRAPE_TARGETS", "ftp://orders/metrics",
            "PERFORMANCE_ALERTMANAGER_URL", "alertmanager")))
        .satisfies(e -> assertThat(e.problems()).containsExactly(
            "PERFORMANCE_ALERT_HISTORY_HOURS='x': expected a whole number from 1 to 8760",
            "PERFORMANCE_PROMETHEUS_URL='prometheus:9090': expected an http(s) URL such as http://prometheus:9090",
            "PERFORMANCE_SCRAPE_TARGETS='ftp://orders/metrics': 'ftp://orders/metrics' is not an http or https URL "
                + "with a host; expected comma-separated [job=]URL entries with http or https URLs such as "
                + "orders=http://orders:8080/metrics",
            "PERFORMANCE_ALERTMANAGER_URL='alertmanager': expected an http(s) URL such as http://alertmanager:9093"));
  }

  @Test
  void prometheusAndScrapeTargetsExcludeEachOther() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of(
            "PERFORMANCE_PROMETHEUS_URL", "http://prometheus:9090",
            "PERFORMANCE_SCRAPE_TARGETS", "http://orders:8080/metrics")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_PROMETHEUS_URL and PERFORMANCE_SCRAPE_TARGETS are both "
            + "set: set one (Prometheus for a fleet it scrapes, targets for perfwatch to scrape)");
  }

  @Test
  void blankMeansUnsetForEveryVariable() {
    Map<String, String> blank = new java.util.HashMap<>();
    ServiceSettings.ALL.forEach(s -> blank.put(s.name(), " "));

    assertThat(ServiceConfig.fromEnvironment(blank)).isEqualTo(ServiceConfig.fromEnvironment(Map.of()));
  }

  @Test
  void aShortAdminTokenIsReportedWithoutShowingIt() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_ADMIN_TOKEN", "hunter2")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_ADMIN_TOKEN (7 characters, not shown): expected at "
            + "least 16 characters, e.g. from openssl rand -hex 24");
  }

  @Test
  void aShortAdminTokenCannotBeSetInCodeEither() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> MonitoringSettings.defaults().withAdminToken("hunter2"))
        .withMessage("Invalid perfwatch setting: adminToken (7 characters, not shown; PERFORMANCE_ADMIN_TOKEN): "
            + "expected at least 16 characters, e.g. from openssl rand -hex 24");
  }

  @Test
  void problemsCannotBeModified() {
    PerfWatchConfigException e = new PerfWatchConfigException(java.util.List.of("a"));

    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> e.problems().add("b"));
  }

  @Test
  void databaseSettingsNeverPrintThePassword() {
    assertThat(new DatabaseSettings("jdbc:h2:mem:x", "sa", "hunter2")).hasToString(
        "DatabaseSettings[url=jdbc:h2:mem:x, user=sa]");
  }
}
