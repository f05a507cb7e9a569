package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeTargetsTest {
  @Test
  void parsesCommaSeparatedUrls() {
    assertThat(ScrapeTargets.parse(" http://orders:8080/metrics, https://users/actuator/prometheus "))
        .containsExactly(URI.create("http://orders:8080/metrics"), URI.create("https://users/actuator/prometheus"));
  }

  @Test
  void blankMeansNoTargets() {
    assertThat(ScrapeTargets.parse(" ")).isEqualTo(List.of());
  }

  @Test
  void refusesANonHttpUrlNamingTheVariableAndValue() {
    assertThatExceptionOfType(SourceConfigException.class)
        .isThrownBy(() -> ScrapeTargets.parse("ftp://orders/metrics"))
        .withMessage("PERFORMANCE_SCRAPE_TARGETS: 'ftp://orders/metrics' is not an http or https URL with a host; "
            + "expected comma-separated [job=]URL entries with http or https URLs such as "
            + "orders=http://orders:8080/metrics");
  }

  @Test
  void reportsEveryBadEntry() {
    assertThatExceptionOfType(SourceConfigException.class)
        .isThrownBy(() -> ScrapeTargets.parse("http://a/metrics,orders:8080,http://a/metrics, http://b c"))
        .withMessage("3 problems in PERFORMANCE_SCRAPE_TARGETS:\n"
            + "  'orders:8080' is not an http or https URL with a host; expected comma-separated [job=]URL entries "
            + "with http or https URLs such as orders=http://orders:8080/metrics\n"
            + "  'http://a/metrics' is listed twice\n"
            + "  'http://b c' is not a URL (Illegal character in authority); expected comma-separated [job=]URL "
            + "entries with http or https URLs such as orders=http://orders:8080/metrics");
  }

  @Test
  void namesEachTargetsJobAndInstanceLikePrometheus() {
    assertThat(ScrapeTargets.targets("orders=http://10.0.0.5:8080/metrics, orders = http://10.0.0.6/metrics,"
        + "https://users/actuator/prometheus"))
        .extracting(ScrapeTargets.Target::identity)
        .containsExactly(new Identity("orders", "10.0.0.5:8080"), new Identity("orders", "10.0.0.6:80"),
            new Identity("users", "users:443"));
  }

  @Test
  void refusesAJobThatIsNotAName() {
    assertThatExceptionOfType(SourceConfigException.class)
        .isThrownBy(() -> ScrapeTargets.targets("my job=http://a/metrics"))
        .withMessage("PERFORMANCE_SCRAPE_TARGETS: job 'my job' in 'my job=http://a/metrics' is not a name (letters, "
            + "digits, '_', '.', '-'); expected comma-separated [job=]URL entries with http or https URLs such as "
            + "orders=http://orders:8080/metrics");
  }
}
