package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

/** Each invalid fixture holds one defect (several-problems holds three); messages are asserted in full. */
class RuleFileValidationTest {

  private static RuleSet parseFixture(String name) {
    return new RuleFileParser(java.util.Map.of()).parse(Fixtures.read("invalid/" + name), "rules/invalid/" + name);
  }

  @Test
  void rejectsBadBoolean() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("bad-boolean.yml"))
        .withMessage("1 problem in rules/invalid/bad-boolean.yml" + "\n"
            + "  rules/invalid/bad-boolean.yml:7:22: rule 'p95-latency': 'include_4xx' is 'yes'; expected one of [true, false]");
  }

  @Test
  void rejectsBadDetector() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("bad-detector.yml"))
        .withMessage("1 problem in rules/invalid/bad-detector.yml" + "\n"
            + "  rules/invalid/bad-detector.yml:6:19: rule 'p95-latency': 'detector' is 'latncy' (did you mean 'latency'?); expected one of [latency, error_rate, slow_query, n_plus_one, resource, degradation, target_down]");
  }

  @Test
  void rejectsBadDuration() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("bad-duration.yml"))
        .withMessage("1 problem in rules/invalid/bad-duration.yml" + "\n"
            + "  rules/invalid/bad-duration.yml:9:17: rule 'p95-latency': 'window' is '5 minutes'; expected a duration from 1m to 24h, e.g. window: 5m");
  }

  @Test
  void rejectsBadEnvReference() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("bad-env-reference.yml"))
        .withMessage("1 problem in rules/invalid/bad-env-reference.yml" + "\n"
            + "  rules/invalid/bad-env-reference.yml:8:20: rule 'p95-latency': 'threshold' is '${PERFWATCH_TEST_UNSET'; expected a value or a whole reference ${NAME} or ${NAME:default}, e.g. ${PERFORMANCE_MAX_CPU_PERCENT:80}");
  }

  @Test
  void rejectsBadName() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("bad-name.yml"))
        .withMessage("1 problem in rules/invalid/bad-name.yml" + "\n"
            + "  rules/invalid/bad-name.yml:5:15: rule 'P95 Latency': 'name' is 'P95 Latency'; expected lowercase letters, digits, '-' and '_', e.g. name: high-p95-latency");
  }

  @Test
  void rejectsBadRouteGlob() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("bad-route-glob.yml"))
        .withMessage("1 problem in rules/invalid/bad-route-glob.yml" + "\n"
            + "  rules/invalid/bad-route-glob.yml:8:19: rule 'p95-latency': route glob 'api/**' in 'include' is invalid: route globs start with '/', e.g. /api/**");
  }

  @Test
  void rejectsCommentsOnly() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("comments-only.yml"))
        .withMessage("1 problem in rules/invalid/comments-only.yml" + "\n"
            + "  rules/invalid/comments-only.yml:1:1: file has only comments; expected a mapping with a 'groups' list");
  }

  @Test
  void rejectsControlCharacter() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("control-character.yml"))
        .withMessage("1 problem in rules/invalid/control-character.yml" + "\n"
            + "  rules/invalid/control-character.yml:5:19: character U+0007 is not allowed in YAML; remove it");
  }

  @Test
  void rejectsDuplicateKey() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("duplicate-key.yml"))
        .withMessage("1 problem in rules/invalid/duplicate-key.yml" + "\n"
            + "  rules/invalid/duplicate-key.yml:10:9: rule 'p95-latency': duplicate key 'window' (first at line 9); remove one of them");
  }

  @Test
  void rejectsDuplicateRuleName() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("duplicate-rule-name.yml"))
        .withMessage("1 problem in rules/invalid/duplicate-rule-name.yml" + "\n"
            + "  rules/invalid/duplicate-rule-name.yml:11:15: rule 'p95-latency': duplicate rule name 'p95-latency'; the first is at rules/invalid/duplicate-rule-name.yml:5:15, and rule names must be unique in the file");
  }

  @Test
  void rejectsEmpty() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("empty.yml"))
        .withMessage("1 problem in rules/invalid/empty.yml" + "\n"
            + "  rules/invalid/empty.yml:1:1: file is empty; expected a mapping with a 'groups' list, e.g. groups: [{name: latency, interval: 30s, rules: [...]}]");
  }

  @Test
  void rejectsGroupsNotAList() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("groups-not-a-list.yml"))
        .withMessage("1 problem in rules/invalid/groups-not-a-list.yml" + "\n"
            + "  rules/invalid/groups-not-a-list.yml:2:3: 'groups' is a mapping; expected a list of groups, e.g. groups: [{name: latency, interval: 30s, rules: [...]}]");
  }

  @Test
  void rejectsIncludeNotEndpointScope() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("include-not-endpoint-scope.yml"))
        .withMessage("1 problem in rules/invalid/include-not-endpoint-scope.yml" + "\n"
            + "  rules/invalid/include-not-endpoint-scope.yml:9:18: rule 'p95-latency': 'include' applies only to scope 'endpoint', but the scope is 'overall'; remove it or set scope: endpoint");
  }

  @Test
  void rejectsIntervalOutOfRange() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("interval-out-of-range.yml"))
        .withMessage("1 problem in rules/invalid/interval-out-of-range.yml" + "\n"
            + "  rules/invalid/interval-out-of-range.yml:3:15: 'interval' is '2h'; expected a duration from 1s to 1h, e.g. interval: 30s");
  }

  @Test
  void rejectsKeyNotForDetector() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("key-not-for-detector.yml"))
        .withMessage("1 problem in rules/invalid/key-not-for-detector.yml" + "\n"
            + "  rules/invalid/key-not-for-detector.yml:9:9: rule 'p95-latency': 'baseline' does not apply to detector 'latency'; remove it (it applies to [degradation])");
  }

  @Test
  void rejectsMetricNotForDetector() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("metric-not-for-detector.yml"))
        .withMessage("1 problem in rules/invalid/metric-not-for-detector.yml" + "\n"
            + "  rules/invalid/metric-not-for-detector.yml:7:17: rule 'p95-latency': 'metric' is 'p50'; expected one of [avg, p95, max] for detector 'slow_query'");
  }

  @Test
  void rejectsMinRequestsNotForNPlusOne() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("min-requests-not-for-n-plus-one.yml"))
        .withMessage("1 problem in rules/invalid/min-requests-not-for-n-plus-one.yml" + "\n"
            + "  rules/invalid/min-requests-not-for-n-plus-one.yml:7:9: rule 'p95-latency': 'min_requests' does not apply to detector 'n_plus_one'; remove it (it applies to [latency, error_rate, slow_query, degradation])");
  }

  @Test
  void rejectsMissingInterval() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("missing-interval.yml"))
        .withMessage("1 problem in rules/invalid/missing-interval.yml" + "\n"
            + "  rules/invalid/missing-interval.yml:2:5: 'interval' is missing (expected a duration from 1s to 1h, e.g. interval: 30s)");
  }

  @Test
  void rejectsMissingResource() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("missing-resource.yml"))
        .withMessage("1 problem in rules/invalid/missing-resource.yml" + "\n"
            + "  rules/invalid/missing-resource.yml:5:9: rule 'p95-latency': 'resource' is missing (expected one of [cpu, memory, disk, concurrency, memory_leak], e.g. resource: cpu)");
  }

  @Test
  void rejectsMissingThreshold() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("missing-threshold.yml"))
        .withMessage("1 problem in rules/invalid/missing-threshold.yml" + "\n"
            + "  rules/invalid/missing-threshold.yml:5:9: rule 'p95-latency': 'threshold' is missing (expected a number greater than 0, e.g. threshold: 2000)");
  }

  @Test
  void rejectsNanThreshold() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("nan-threshold.yml"))
        .withMessage("1 problem in rules/invalid/nan-threshold.yml" + "\n"
            + "  rules/invalid/nan-threshold.yml:8:20: rule 'p95-latency': 'threshold' is '.nan'; expected a number greater than 0, e.g. threshold: 2000");
  }

  @Test
  void rejectsNegativeThreshold() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("negative-threshold.yml"))
        .withMessage("1 problem in rules/invalid/negative-threshold.yml" + "\n"
            + "  rules/invalid/negative-threshold.yml:8:20: rule 'p95-latency': 'threshold' is '-5'; expected a number greater than 0, e.g. threshold: 2000");
  }

  @Test
  void rejectsNotANumberThreshold() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("not-a-number-threshold.yml"))
        .withMessage("1 problem in rules/invalid/not-a-number-threshold.yml" + "\n"
            + "  rules/invalid/not-a-number-threshold.yml:8:20: rule 'p95-latency': 'threshold' is 'fast'; expected a number greater than 0, e.g. threshold: 2000");
  }

  @Test
  void rejectsPercentThresholdAbove100() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("percent-threshold-above-100.yml"))
        .withMessage("1 problem in rules/invalid/percent-threshold-above-100.yml" + "\n"
            + "  rules/invalid/percent-threshold-above-100.yml:7:20: rule 'p95-latency': 'threshold' is '150'; expected a percentage greater than 0 and at most 100, e.g. threshold: 80");
  }

  @Test
  void rejectsReservedLabel() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("reserved-label.yml"))
        .withMessage("1 problem in rules/invalid/reserved-label.yml" + "\n"
            + "  rules/invalid/reserved-label.yml:10:18: rule 'p95-latency': label 'severity' is reserved (perfwatch sets alertname and severity, and names starting with __ are Prometheus-internal); choose another name");
  }

  @Test
  void rejectsScopeNotForDetector() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("scope-not-for-detector.yml"))
        .withMessage("1 problem in rules/invalid/scope-not-for-detector.yml" + "\n"
            + "  rules/invalid/scope-not-for-detector.yml:8:16: rule 'p95-latency': 'scope' is 'query'; expected one of [endpoint, overall] for detector 'latency'");
  }

  @Test
  void rejectsSeveralProblems() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("several-problems.yml"))
        .withMessage("3 problems in rules/invalid/several-problems.yml" + "\n"
            + "  rules/invalid/several-problems.yml:5:9: rule 'p99-latency-high': 'threshold' is missing (expected a number greater than 0, e.g. threshold: 2000)" + "\n"
            + "  rules/invalid/several-problems.yml:11:11: rule 'p99-latency-high': severity level 'urgent' is unknown; expected one of [low, medium, high, critical]" + "\n"
            + "  rules/invalid/several-problems.yml:14:9: rule 'error-rate': unknown key 'thresold' (did you mean 'threshold'?); expected one of [name, detector, scope, threshold, window, for, keep_firing_for, severity, labels, annotations, aggregate, include, exclude, min_requests, include_4xx]");
  }

  @Test
  void rejectsSeverityNotAscending() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("severity-not-ascending.yml"))
        .withMessage("1 problem in rules/invalid/severity-not-ascending.yml" + "\n"
            + "  rules/invalid/severity-not-ascending.yml:10:49: rule 'p95-latency': severity ratio of 'high' (1.5) must be greater than that of 'medium' (2.0); higher levels need higher ratios, e.g. {low: 1.0, medium: 1.5, high: 2.0, critical: 4.0}");
  }

  @Test
  void rejectsSeverityRatioBelowOne() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("severity-ratio-below-one.yml"))
        .withMessage("1 problem in rules/invalid/severity-ratio-below-one.yml" + "\n"
            + "  rules/invalid/severity-ratio-below-one.yml:10:25: rule 'p95-latency': severity ratio of 'low' is 0.5; expected a ratio >= 1.0, because a rule only fires at or above its threshold");
  }

  @Test
  void rejectsSeverityUnknownLevel() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("severity-unknown-level.yml"))
        .withMessage("1 problem in rules/invalid/severity-unknown-level.yml" + "\n"
            + "  rules/invalid/severity-unknown-level.yml:10:19: rule 'p95-latency': severity level 'urgent' is unknown; expected one of [low, medium, high, critical]");
  }

  @Test
  void rejectsUnknownKey() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("unknown-key.yml"))
        .withMessage("2 problems in rules/invalid/unknown-key.yml" + "\n"
            + "  rules/invalid/unknown-key.yml:5:9: rule 'p95-latency': 'threshold' is missing (expected a number greater than 0, e.g. threshold: 2000)" + "\n"
            + "  rules/invalid/unknown-key.yml:8:9: rule 'p95-latency': unknown key 'thresold' (did you mean 'threshold'?); expected one of [name, detector, scope, threshold, window, for, keep_firing_for, severity, labels, annotations, aggregate, metric, include, exclude, min_requests]");
  }

  @Test
  void rejectsUnknownPlaceholder() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("unknown-placeholder.yml"))
        .withMessage("1 problem in rules/invalid/unknown-placeholder.yml" + "\n"
            + "  rules/invalid/unknown-placeholder.yml:11:11: rule 'p95-latency': annotation 'summary' uses unknown placeholder '{{endpont}}' (did you mean 'endpoint'?); expected one of [endpoint, value, threshold, table, operation, mount, fingerprint, resource, count, span, job, instance, advice], written like {{endpoint}}");
  }

  @Test
  void rejectsUnsetEnvVar() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("unset-env-var.yml"))
        .withMessage("1 problem in rules/invalid/unset-env-var.yml" + "\n"
            + "  rules/invalid/unset-env-var.yml:8:20: rule 'p95-latency': 'threshold' uses ${PERFWATCH_TEST_UNSET}, but environment variable PERFWATCH_TEST_UNSET is not set; set it or give a default, e.g. ${PERFWATCH_TEST_UNSET:100}");
  }

  @Test
  void rejectsWindowOutOfRange() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("window-out-of-range.yml"))
        .withMessage("1 problem in rules/invalid/window-out-of-range.yml" + "\n"
            + "  rules/invalid/window-out-of-range.yml:9:17: rule 'p95-latency': 'window' is '30s'; expected a duration from 1m to 24h, e.g. window: 5m");
  }

  @Test
  void rejectsWrongTypeThreshold() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("wrong-type-threshold.yml"))
        .withMessage("1 problem in rules/invalid/wrong-type-threshold.yml" + "\n"
            + "  rules/invalid/wrong-type-threshold.yml:8:20: rule 'p95-latency': 'threshold' is a list; expected a number greater than 0, e.g. threshold: 2000");
  }

  @Test
  void rejectsYamlAnchor() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("yaml-anchor.yml"))
        .withMessage("1 problem in rules/invalid/yaml-anchor.yml" + "\n"
            + "  rules/invalid/yaml-anchor.yml:9:17: YAML anchor '&w' is not allowed; write the values out instead of sharing them");
  }

  @Test
  void rejectsYamlJavaTag() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("yaml-java-tag.yml"))
        .withMessage("3 problems in rules/invalid/yaml-java-tag.yml" + "\n"
            + "  rules/invalid/yaml-java-tag.yml:8:20: YAML tag '!!javax.script.ScriptEngineManager' is not allowed; the rule file is plain data, remove the tag" + "\n"
            + "  rules/invalid/yaml-java-tag.yml:8:56: YAML tag '!!java.net.URLClassLoader' is not allowed; the rule file is plain data, remove the tag" + "\n"
            + "  rules/invalid/yaml-java-tag.yml:8:84: YAML tag '!!java.net.URL' is not allowed; the rule file is plain data, remove the tag");
  }

  @Test
  void rejectsYamlSyntaxError() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parseFixture("yaml-syntax-error.yml"))
        .withMessage("1 problem in rules/invalid/yaml-syntax-error.yml" + "\n"
            + "  rules/invalid/yaml-syntax-error.yml:9:19: YAML syntax error: mapping values are not allowed here");
  }
}
