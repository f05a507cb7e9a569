package io.perfwatch.rules.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusRuleExporterTest {
  private static final String HEAD = "groups:\n  - name: g\n    interval: 30s\n    rules:\n";

  private static PrometheusExport export(String rule) {
    RuleSet rules = new RuleFileParser(Map.of()).parse(HEAD + rule, "test.yml");
    return new PrometheusRuleExporter().export(rules, "test");
  }

  @Test
  void p95LatencyBecomesHistogramQuantileInSecondsWithOneRulePerSeverityStep() {
    PrometheusExport e = export("      - {name: p95, detector: latency, metric: p95, threshold: 2000, window: 5m,"
        + " min_requests: 20, for: 1m, severity: {low: 1.0, high: 2.0}}\n");

    assertThat(e.alertingRules()).isEqualTo(2);
    assertThat(e.yaml()).contains("- alert: p95\n        expr: |-\n          histogram_quantile(0.95, sum by "
        + "(job, method, uri, le) (increase(http_server_requests_seconds_bucket[5m]))) >= 2\n          and sum by "
        + "(job, method, uri) (increase(http_server_requests_seconds_count[5m])) >= 20\n        for: 1m\n",
        "severity: low", ">= 4\n", "severity: high", "interval: 30s", "name: perfwatch-g");
  }

  @Test
  void aRulePerInstanceKeepsJobAndInstanceInEveryAggregation() {
    PrometheusExport e = export("      - {name: errs, detector: error_rate, aggregate: instance, threshold: 5,"
        + " window: 5m, min_requests: 10, severity: high}\n");

    assertThat(e.yaml()).contains("expr: |-\n          100 * sum by (job, instance, method, uri) (increase("
        + "http_server_requests_seconds_count{status=~\"5..\"}[5m])) / sum by (job, instance, method, uri) "
        + "(increase(http_server_requests_seconds_count[5m])) >= 5\n          and sum by (job, instance, method, uri) "
        + "(increase(http_server_requests_seconds_count[5m])) >= 10\n");
  }

  @Test
  void targetDownIsUpEqualsZeroPerInstanceOrPerService() {
    PrometheusExport perInstance = export("      - {name: down, detector: target_down, aggregate: instance,"
        + " threshold: 1, window: 1m, for: 1m, severity: critical}\n");
    PrometheusExport perService = export("      - {name: down, detector: target_down, threshold: 1, window: 1m,"
        + " for: 1m, severity: critical}\n");

    assertThat(perInstance.yaml()).contains("- alert: down\n        expr: up == 0\n        for: 1m\n");
    assertThat(perService.yaml()).contains("- alert: down\n        expr: max by (job) (up) == 0\n        for: 1m\n");
  }

  @Test
  void includeAndExcludeGlobsBecomeUriRegexes() {
    PrometheusExport e = export("      - {name: errs, detector: error_rate, threshold: 5, window: 5m, include_4xx: true, severity: high,"
        + " include: [/api/**], exclude: ['/api/*/health']}\n");

    assertThat(e.yaml()).contains("uri=~\\\"/api(/[^/]+)*\\\",uri!~\\\"/api/[^/]*/health\\\",status=~\\\"[45]..\\\"")
        .doesNotContain("and sum");
  }

  @Test
  void theDetectorsAdviceSaysWhyPrometheusCannotGiveIt() {
    PrometheusExport e = export("      - {name: sq, detector: slow_query, metric: p95, threshold: 500, window: 5m, "
        + "severity: low, annotations: {recommendation: '{{advice}}'}}\n"
        + "      - {name: lat, detector: latency, metric: avg, threshold: 1000, window: 5m, severity: low, "
        + "annotations: {recommendation: 'Look closer. {{advice}}'}}\n");

    assertThat(e.yaml()).contains("recommendation: \"Run EXPLAIN ANALYZE on the slow {{ $labels.operation }} "
        + "statements on {{ $labels.table }} and index the columns they filter on. perfwatch's own slow-query alert "
        + "names the statement and the index to create, checked against the table's indexes; Prometheus sees only "
        + "the table and operation.\"", "recommendation: Look closer. perfwatch's own lat alert carries advice "
        + "from what it measured; Prometheus sees only the labels and the value.\n");
  }

  @Test
  void maxOfSlowQueriesIsSkippedWithTheReason() {
    PrometheusExport e = export("      - {name: sq, detector: slow_query, metric: max, threshold: 500, window: 5m, severity: low}\n");

    assertThat(e.alertingRules()).isZero();
    assertThat(e.skipped()).extracting(Skipped::rule).containsExactly("sq");
    assertThat(e.skipped().get(0).reason()).startsWith("metric max: Prometheus histograms keep no exact maximum");
  }

  @Test
  void placeholdersBecomeAlertTemplates() {
    PrometheusExport e = export("      - {name: lat, detector: latency, metric: avg, threshold: 1000, window: 5m, severity: low,"
        + " annotations: {summary: '{{endpoint}} is {{value}} ms (threshold {{threshold}} ms)'}}\n");

    assertThat(e.yaml()).contains("{{ $labels.method }} {{ $labels.uri }} is {{ $value | humanizeDuration }} "
        + "(threshold 1000 ms)");
  }

  @Test
  void routeRegexMatchesLikeTheEngineGlobs() {
    assertThat("/api/orders/:id").matches(RouteRegex.of("/api/**"));
    assertThat("/api").matches(RouteRegex.of("/api/**"));
    assertThat("/apix").doesNotMatch(RouteRegex.of("/api/**"));
    assertThat("/api/v2/x").matches(RouteRegex.of(List.of("/api/v*/x", "/other")));
    assertThat("/api/v2/y/x").doesNotMatch(RouteRegex.of("/api/v*/x"));
  }

  @Test
  void numbersAndDurationsAreWrittenAsPrometheusDoes() {
    assertThat(Numbers.format(Numbers.times(5, 4.0001))).isEqualTo("20.0005");
    assertThat(Numbers.format(Numbers.times(1000, 0.001))).isEqualTo("1");
    assertThat(Numbers.duration(java.time.Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Numbers.duration(java.time.Duration.ofDays(1))).isEqualTo("1d");
  }
}
