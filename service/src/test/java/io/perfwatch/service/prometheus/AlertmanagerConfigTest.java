package io.perfwatch.service.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfwatch.rules.alert.ScopeLabels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** prometheus/alertmanager.yml inhibits by exactly the labels that tell one rule's alerts apart. */
class AlertmanagerConfigTest {
  private final JsonNode config = Repo.yaml(Repo.ROOT.resolve("prometheus/alertmanager.yml"));

  @Test
  void eachInhibitRuleComparesTheIdentityAndEveryScopeLabel() {
    List<String> expected = new ArrayList<>(List.of("alertname", "job", "instance"));
    expected.addAll(ScopeLabels.ALL);

    assertThat(config.path("inhibit_rules")).hasSize(3).allSatisfy(rule -> {
      List<String> equal = new ArrayList<>();
      rule.path("equal").forEach(label -> equal.add(label.asText()));
      assertThat(equal).containsExactlyElementsOf(expected);
    });
  }

  @Test
  void aHigherSeverityInhibitsOnlyLowerOnes() {
    List<String> pairs = new ArrayList<>();
    config.path("inhibit_rules").forEach(rule -> pairs.add(rule.path("source_matchers").get(0).asText() + " -> "
        + rule.path("target_matchers").get(0).asText()));

    assertThat(pairs).containsExactly("severity=\"critical\" -> severity=~\"high|medium|low\"",
        "severity=\"high\" -> severity=~\"medium|low\"", "severity=\"medium\" -> severity=\"low\"");
  }
}
