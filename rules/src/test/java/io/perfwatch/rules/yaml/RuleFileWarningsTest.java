package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values that load but are probably mistakes are warnings, with their position; YAML errors all have one. */
class RuleFileWarningsTest {

  private static RuleSet parse(String path) {
    return new RuleFileParser(Map.of()).parse(Fixtures.read(path), "rules/" + path);
  }

  @Test
  void aPercentThresholdBelowOneAndARawPathIncludeAreWarningsNotErrors() {
    RuleSet rules = parse("suspicious/percent-fraction-and-raw-path.yml");

    assertThat(rules.rules()).extracting(RuleDefinition::name).containsExactly("transaction-errors");
    assertThat(rules.warnings()).extracting(RuleProblem::toString).containsExactly(
        "rules/suspicious/percent-fraction-and-raw-path.yml:7:19: rule 'transaction-errors': route glob "
            + "'/api/transactions/42' in 'include' looks like a raw path (segment '42'): routes are matched as "
            + "templates such as /api/orders/:id, so it matches nothing; write the template or a glob, e.g. "
            + "/api/transactions/*",
        "rules/suspicious/percent-fraction-and-raw-path.yml:8:20: rule 'transaction-errors': 'threshold' is 0.01 "
            + "percent, so the rule fires at 0.01 %; thresholds here are percents from 0 to 100 (threshold: 1 means "
            + "1 %), not fractions");
  }

  @Test
  void theShippedRulesHaveNoWarnings() {
    assertThat(new RuleFileParser(Map.of()).parse(Fixtures.SHIPPED).warnings()).isEmpty();
  }

  @Test
  void uuidsAndLongHexIdsAreRawSegmentsButVersionsAndWordsAreNot() {
    assertThat(RouteGlob.rawSegment("/api/orders/3f2b8c1e-0d4a-4c2b-9f3e-1a2b3c4d5e6f")).isPresent();
    assertThat(RouteGlob.rawSegment("/api/blobs/5f1d7e0a9c3b2a41")).isPresent();
    assertThat(RouteGlob.rawSegment("/api/v1/orders/:id")).isEmpty();
    assertThat(RouteGlob.rawSegment("/api/decaf/facade/**")).isEmpty();
  }

  @Test
  void aTabHasItsLineAndColumn() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parse("invalid/yaml-tab.yml"))
        .withMessage("1 problem in rules/invalid/yaml-tab.yml\n"
            + "  rules/invalid/yaml-tab.yml:8:1: YAML syntax error: a tab character; YAML indents and separates with "
            + "spaces only, replace the tab with spaces");
  }

  @Test
  void anUnclosedFlowMappingSaysWhereItStarted() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parse("invalid/yaml-unclosed-flow.yml"))
        .withMessage("1 problem in rules/invalid/yaml-unclosed-flow.yml\n"
            + "  rules/invalid/yaml-unclosed-flow.yml:11:1: YAML syntax error: expected ',' or '}', but got "
            + "<stream end> (while parsing a flow mapping started at 10:19)");
  }
}
