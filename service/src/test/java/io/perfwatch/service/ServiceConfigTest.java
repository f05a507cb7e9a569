package io.perfwatch.service;

import io.perfwatch.exporter.config.PerfWatchConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.perfwatch.exporter.config.PerfWatchConfig;
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
        .withMessage("Invalid perfwatch setting: PERFORMANCE_HTTP_PORT='65536': expected a port number from 0 to "
            + "65535 (0 picks a free port)");
  }

  @Test
  void rejectsAnUnsupportedDatabaseUrl() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_DATABASE_URL", "mysql://db/finance")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_DATABASE_URL='mysql://db/finance': expected a JDBC "
            + "URL starting with [jdbc:h2:, jdbc:postgresql:], e.g. jdbc:postgresql://localhost:5432/perfwatch");
  }

  @Test
  void rejectsAnExternalUrlThatIsNotAnHttpUrl() {
    assertThatExceptionOfType(PerfWatchConfigException.class)
        .isThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PERFORMANCE_EXTERNAL_URL", "perfwatch:8080")))
        .withMessage("Invalid perfwatch setting: PERFORMANCE_EXTERNAL_URL='perfwatch:8080' is invalid: expected the "
            + "http(s) URL users reach perfwatch at, such as https://perfwatch.example.com or "
            + "http://perfwatch:8080/monitoring");
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
            + "  PERFORMANCE_DEMO_TRAFFIC='sometimes': expected true or false\n"
            + "  PERFORMANCE_METRICS_RETENTION='lots': expected a whole number")
        .satisfies(e -> assertThat(e.problems()).hasSize(2));
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
