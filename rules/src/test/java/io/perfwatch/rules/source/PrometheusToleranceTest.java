package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text format as leniently as Prometheus reads it; OpenMetrics as strictly, chosen by Content-Type. */
class PrometheusToleranceTest {
  private final PrometheusTextParser parser = new PrometheusTextParser();

  private Sample only(String body) {
    List<MetricFamily> families = parser.parse(body, false);
    assertThat(families).hasSize(1);
    return families.get(0).samples().get(0);
  }

  @Test
  void acceptsAnyRunOfBlanksAndTabsBetweenTokens() {
    assertThat(only("requests_total{a=\"b\"} \t  7 \t 1700000000000\n"))
        .isEqualTo(new Sample("requests_total", Map.of("a", "b"), 7, java.util.OptionalLong.of(1700000000000L)));
  }

  @Test
  void acceptsABlankBetweenTheNameAndTheBrace() {
    assertThat(only("requests_total {a=\"b\"} 7\n")).isEqualTo(Sample.of("requests_total", Map.of("a", "b"), 7));
  }

  @Test
  void acceptsLeadingBlanksOnALine() {
    assertThat(parser.parse("  \t# TYPE requests_total counter\n \trequests_total 7\n", false))
        .singleElement().satisfies(f -> {
          assertThat(f.type()).isEqualTo(MetricType.COUNTER);
          assertThat(f.samples()).containsExactly(Sample.of("requests_total", Map.of(), 7));
        });
  }

  @Test
  void acceptsNoBlankBetweenTheBraceAndTheValue() {
    assertThat(only("requests_total{a=\"b\"}7\n")).isEqualTo(Sample.of("requests_total", Map.of("a", "b"), 7));
  }

  @Test
  void stillRefusesANameRunIntoItsValue() {
    assertThatExceptionOfType(PrometheusFormatException.class)
        .isThrownBy(() -> parser.parse("requests_total7x 1\nup+1\n", false))
        .withMessage("line 2: expected a space before the value, found '+'");
  }

  @Test
  void openMetricsByContentTypeRequiresItsEofLine() {
    assertThatExceptionOfType(PrometheusFormatException.class)
        .isThrownBy(() -> parser.parse("# TYPE up gauge\nup 1\n", true))
        .withMessage("line 3: an OpenMetrics exposition must end with '# EOF'");
  }

  @Test
  void openMetricsStaysStrictAboutBlanks() {
    assertThatExceptionOfType(PrometheusFormatException.class)
        .isThrownBy(() -> parser.parse("up {a=\"b\"} 1\n# EOF\n", true))
        .withMessage("line 1: expected a number as value, found '{a=\"b\"}'");
  }

  @Test
  void aTargetServingInvalidUtf8OrHtmlIsDownWithAShortReason() throws Exception {
    try (FakeTarget utf8 = new FakeTarget(); FakeTarget html = new FakeTarget().contentType("text/html")
        .serve("<html><body>Please log in</body></html>");
        FakeTarget openMetrics = new FakeTarget().contentType("application/openmetrics-text; version=1.0.0")
            .serve("# TYPE up gauge\nup 1\n");
        Scraper scraper = Scraper.builder().targets(utf8.url() + "," + html.url() + "," + openMetrics.url())
            .timeout(Duration.ofSeconds(2)).build()) {
      utf8.serveBytes("up{a=\"\u00ff\"} 1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      scraper.scrapeOnce();

      assertThat(scraper.targets()).extracting(TargetHealth::up).containsExactly(false, false, false);
      assertThat(scraper.targets()).extracting(t -> t.lastError().orElseThrow()).containsExactly(
          "invalid exposition: the body is not valid UTF-8",
          "Content-Type 'text/html' is not a metrics exposition (a login page?)",
          "invalid exposition: line 3: an OpenMetrics exposition must end with '# EOF'");
    }
  }
}
