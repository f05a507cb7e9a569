package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteMatchingTest {

  private static RuleDefinition rule(String include, String exclude) {
    String yaml = """
        groups:
          - name: g
            interval: 30s
            rules:
              - name: r
                detector: latency
                metric: p95
                include: %s
                exclude: %s
                threshold: 1
                window: 5m
                severity: low
        """.formatted(include, exclude);
    return new RuleFileParser(Map.of()).parse(yaml, "t.yml").rules().get(0);
  }

  @Test
  void emptyIncludeMatchesEveryRoute() {
    RuleDefinition all = rule("[]", "[]");

    assertThat(all.matchesRoute("/")).isTrue();
    assertThat(all.matchesRoute("/api/orders/:id")).isTrue();
  }

  @Test
  void doubleStarMatchesAnyNumberOfSegments() {
    RuleDefinition api = rule("[\"/api/**\"]", "[]");

    assertThat(api.matchesRoute("/api")).isTrue();
    assertThat(api.matchesRoute("/api/orders")).isTrue();
    assertThat(api.matchesRoute("/api/orders/:id/items")).isTrue();
    assertThat(api.matchesRoute("/apix/orders")).isFalse();
    assertThat(api.matchesRoute("/health")).isFalse();
  }

  @Test
  void singleStarMatchesExactlyOneSegment() {
    RuleDefinition one = rule("[\"/api/*/items\"]", "[]");

    assertThat(one.matchesRoute("/api/orders/items")).isTrue();
    assertThat(one.matchesRoute("/api/items")).isFalse();
    assertThat(one.matchesRoute("/api/a/b/items")).isFalse();
  }

  @Test
  void starInsideSegmentMatchesAPrefix() {
    RuleDefinition versions = rule("[\"/api/v*/**\"]", "[]");

    assertThat(versions.matchesRoute("/api/v2/orders")).isTrue();
    assertThat(versions.matchesRoute("/api/internal/orders")).isFalse();
  }

  @Test
  void excludeWinsOverInclude() {
    RuleDefinition rule = rule("[\"/api/**\"]", "[\"/api/admin/**\", \"/**/health\"]");

    assertThat(rule.matchesRoute("/api/orders")).isTrue();
    assertThat(rule.matchesRoute("/api/admin/users")).isFalse();
    assertThat(rule.matchesRoute("/api/orders/health")).isFalse();
  }

  @Test
  void micrometerPseudoRoutesDoNotMatchPathGlobs() {
    RuleDefinition api = rule("[\"/**\"]", "[]");

    assertThat(api.matchesRoute("NOT_FOUND")).isFalse();
    assertThat(api.matchesRoute("/anything")).isTrue();
  }
}
