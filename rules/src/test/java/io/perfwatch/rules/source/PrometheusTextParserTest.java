package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {
  private final PrometheusTextParser parser = new PrometheusTextParser();

  @Test
  void parsesTheCapturedMicrometerExposition() {
    List<MetricFamily> families = parser.parse(Fixtures.read("micrometer-exposition.txt"));

    MetricFamily http = family(families, "http_server_requests_seconds");
    assertThat(http.type()).isEqualTo(MetricType.HISTOGRAM);
    assertThat(http.help()).isNotEmpty();
    assertThat(http.samples()).filteredOn(s -> s.name().equals("http_server_requests_seconds_count"))
        .extracting(s -> s.label("uri") + " " + s.label("status") + " " + s.value())
        .containsExactlyInAnyOrder("NOT_FOUND 404 1.0", "/api/fail 500 2.0", "/api/items/:id 200 4.0",
            "/api/users/:id/orders 200 2.0");
    assertThat(http.samples()).filteredOn(s -> s.name().endsWith("_bucket") && s.label("uri").equals("/api/fail"))
        .hasSize(17).last().extracting(s -> s.label("le"), Sample::value).containsExactly("+Inf", 2.0);
    assertThat(family(families, "http_server_requests_seconds_max").type()).isEqualTo(MetricType.GAUGE);
    assertThat(family(families, "db_n_plus_one_total").samples()).containsExactly(Sample.of("db_n_plus_one_total",
        Map.of("method", "GET", "table", "orders", "uri", "/api/users/:id/orders"), 2.0));
    assertThat(family(families, "system_disk_used_bytes").samples().get(0).label("mount")).isEqualTo("/");
  }

  @Test
  void parsesTheCapturedOpenMetricsExpositionToTheSameSamples() {
    List<MetricFamily> text = parser.parse(Fixtures.read("micrometer-exposition.txt"));
    List<MetricFamily> openMetrics = parser.parse(Fixtures.read("micrometer-openmetrics.txt"));

    assertThat(family(openMetrics, "db_n_plus_one").type()).isEqualTo(MetricType.COUNTER);
    assertThat(family(openMetrics, "db_n_plus_one").samples())
        .isEqualTo(family(text, "db_n_plus_one_total").samples());
    assertThat(family(openMetrics, "http_server_requests_seconds").samples())
        .isEqualTo(family(text, "http_server_requests_seconds").samples());
  }

  @Test
  void unescapesLabelValuesAndHelp() {
    List<MetricFamily> families = parser.parse("""
        # HELP m A \\\\ help\\nwith two lines
        # TYPE m gauge
        m{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb",other="\\t"} 1
        """);

    assertThat(families).containsExactly(new MetricFamily("m", MetricType.GAUGE, "A \\ help\nwith two lines",
        List.of(Sample.of("m", Map.of("path", "C:\\dir", "quote", "say \"hi\"", "nl", "a\nb", "other", "\\t"),
            1.0))));
  }

  @Test
  void parsesSpecialValuesTimestampsCommentsBlankLinesAndCrlf() {
    List<MetricFamily> families = parser.parse("# a comment\r\n\r\n"
        + "up 1 1700000000123\r\n"
        + "inf_up +Inf\r\n"
        + "inf_down -Inf\r\n"
        + "not_a_number NaN\r\n"
        + "exp{a=\"b\",} 1.5e3\t-5\r\n");

    assertThat(families).extracting(f -> f.samples().get(0)).containsExactly(
        new Sample("up", Map.of(), 1.0, OptionalLong.of(1_700_000_000_123L)),
        Sample.of("inf_up", Map.of(), Double.POSITIVE_INFINITY),
        Sample.of("inf_down", Map.of(), Double.NEGATIVE_INFINITY),
        Sample.of("not_a_number", Map.of(), Double.NaN),
        new Sample("exp", Map.of("a", "b"), 1500.0, OptionalLong.of(-5)));
    assertThat(families).allSatisfy(f -> assertThat(f.type()).isEqualTo(MetricType.UNTYPED));
  }

  @Test
  void groupsHistogramSamplesIntoTheirFamily() {
    List<MetricFamily> families = parser.parse("""
        # TYPE lat histogram
        lat_bucket{le="0.1"} 1
        lat_bucket{le="+Inf"} 3
        lat_count 3
        lat_sum 0.7
        """);

    assertThat(families).singleElement().extracting(MetricFamily::name, f -> f.samples().size())
        .containsExactly("lat", 4);
  }

  @Test
  void readsOpenMetricsTimestampsAsSecondsAndDropsExemplars() {
    List<MetricFamily> families = parser.parse("""
        # TYPE c counter
        # UNIT c seconds
        c_total 3 1700000000.5 # {trace_id="abc"} 1.0
        c_created 1700000000.0
        # EOF
        """);

    assertThat(families).singleElement().extracting(MetricFamily::samples).isEqualTo(List.of(
        new Sample("c_total", Map.of(), 3.0, OptionalLong.of(1_700_000_000_500L)),
        new Sample("c_created", Map.of(), 1.7e9, OptionalLong.empty())));
  }

  @Test
  void failsOnAMissingLabelValueQuote() {
    assertThatExceptionOfType(PrometheusFormatException.class).isThrownBy(() -> parser.parse("ok 1\nm{a=b} 1\n"))
        .withMessage("line 2: expected '\"' to open the value of label 'a', found 'b'");
  }

  @Test
  void failsOnAnUnclosedLabelValue() {
    assertThatExceptionOfType(PrometheusFormatException.class).isThrownBy(() -> parser.parse("m{a=\"b} 1"))
        .withMessage("line 1: the value of label 'a' is not closed with '\"'");
  }

  @Test
  void failsOnAValueThatIsNotANumber() {
    assertThatExceptionOfType(PrometheusFormatException.class).isThrownBy(() -> parser.parse("m 1.0d"))
        .withMessage("line 1: expected a number as value, found '1.0d'");
  }

  @Test
  void failsOnAFractionalTimestampInTextFormat() {
    assertThatExceptionOfType(PrometheusFormatException.class).isThrownBy(() -> parser.parse("m 1 17.5"))
        .withMessage("line 1: expected a timestamp in integer milliseconds, found '17.5'");
  }

  @Test
  void failsOnADuplicateLabel() {
    assertThatExceptionOfType(PrometheusFormatException.class).isThrownBy(() -> parser.parse("m{a=\"1\",a=\"2\"} 1"))
        .withMessage("line 1: label 'a' appears twice");
  }

  @Test
  void failsOnAnUnknownType() {
    assertThatExceptionOfType(PrometheusFormatException.class).isThrownBy(() -> parser.parse("# TYPE m timer"))
        .withMessage("line 1: unknown type 'timer' for 'm'; expected counter, gauge, histogram, summary, untyped "
            + "or an OpenMetrics type");
  }

  @Test
  void failsOnATypeAfterSamples() {
    assertThatExceptionOfType(PrometheusFormatException.class)
        .isThrownBy(() -> parser.parse("m 1\n# TYPE m gauge\n"))
        .withMessage("line 2: TYPE of 'm' comes after its samples");
  }

  @Test
  void failsOnMissingValue() {
    assertThatExceptionOfType(PrometheusFormatException.class).isThrownBy(() -> parser.parse("m{a=\"1\"}"))
        .withMessage("line 1: sample 'm' has no value");
  }

  @Test
  void refusesABodyAboveTheSizeLimit() {
    assertThatExceptionOfType(PrometheusFormatException.class)
        .isThrownBy(() -> new PrometheusTextParser(10, 5).parse("metric_name 1\n"))
        .withMessage("the body has 14 characters, more than the limit of 10");
  }

  @Test
  void refusesMoreSamplesThanTheLimit() {
    assertThatExceptionOfType(PrometheusFormatException.class)
        .isThrownBy(() -> new PrometheusTextParser(1000, 2).parse("a 1\nb 2\nc 3\n"))
        .withMessage("line 3: more than 2 samples");
  }

  @Test
  void returnsImmutableRecords() {
    List<MetricFamily> families = parser.parse("m{a=\"1\"} 1\n");

    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> families.clear());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> families.get(0).samples().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> families.get(0).samples().get(0).labels().clear());
  }

  static MetricFamily family(List<MetricFamily> families, String name) {
    return families.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }
}
