package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {

  @Test
  void defaultsAreFifteenSecondsBetweenScrapesAndFiveToAnswer() {
    SourceSettings settings = SourceSettings.fromEnv(Map.of("PERFORMANCE_SCRAPE_TARGETS", "http://a/metrics"));

    assertThat(settings.scrapeTargets()).contains("http://a/metrics");
    assertThat(settings.prometheusUrl()).isEqualTo(Optional.empty());
    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void intervalAndTimeoutAreConfigurable() {
    SourceSettings settings = SourceSettings.fromEnv(Map.of("PERFORMANCE_SCRAPE_INTERVAL_SECONDS", "30",
        "PERFORMANCE_SCRAPE_TIMEOUT_SECONDS", "10"));

    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void bothSourcesSetIsAStartUpErrorNamingBoth() {
    assertThatExceptionOfType(SourceConfigException.class)
        .isThrownBy(() -> SourceSettings.fromEnv(Map.of("PERFORMANCE_PROMETHEUS_URL", "http://prometheus:9090",
            "PERFORMANCE_SCRAPE_TARGETS", "http://a/metrics")))
        .withMessage("the source settings: PERFORMANCE_PROMETHEUS_URL and PERFORMANCE_SCRAPE_TARGETS are both set; "
            + "set one: the Prometheus URL to evaluate over what a Prometheus server scrapes, or the targets for "
            + "perfwatch to scrape them itself");
  }

  @Test
  void reportsEveryBadValue() {
    assertThatExceptionOfType(SourceConfigException.class)
        .isThrownBy(() -> SourceSettings.fromEnv(Map.of("PERFORMANCE_SCRAPE_INTERVAL_SECONDS", "0",
            "PERFORMANCE_SCRAPE_TIMEOUT_SECONDS", "0.5")))
        .withMessage("2 problems in the source settings:\n"
            + "  PERFORMANCE_SCRAPE_INTERVAL_SECONDS is '0'; expected whole seconds from 1 to 3600\n"
            + "  PERFORMANCE_SCRAPE_TIMEOUT_SECONDS is '0.5'; expected whole seconds from 1 to 3600");
  }

  @Test
  void aTimeoutLongerThanTheIntervalIsRefused() {
    assertThatExceptionOfType(SourceConfigException.class)
        .isThrownBy(() -> SourceSettings.fromEnv(Map.of("PERFORMANCE_SCRAPE_INTERVAL_SECONDS", "5",
            "PERFORMANCE_SCRAPE_TIMEOUT_SECONDS", "10")))
        .withMessage("the source settings: PERFORMANCE_SCRAPE_TIMEOUT_SECONDS is 10, more than "
            + "PERFORMANCE_SCRAPE_INTERVAL_SECONDS (5); expected at most the interval, so scrapes of one target "
            + "never overlap");
  }
}
