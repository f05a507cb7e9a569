package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.perfwatch.rules.alert.Severity;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleDefinitionBuilderTest {
  private static final SeverityLadder HIGH = new SeverityLadder(Map.of(Severity.HIGH, 1.0));

  @Test
  void unsetKeysTakeTheParsersDefaults() {
    RuleDefinition built = RuleDefinition.builder("slow", Detector.LATENCY).threshold(500)
        .window(Duration.ofMinutes(5)).severity(HIGH).build();
    RuleDefinition parsed = new RuleFileParser(Map.of()).parse("""
        groups:
          - {name: default, interval: 1m, rules: [{name: slow, detector: latency, metric: p95, threshold: 500,
             window: 5m, severity: high}]}
        """, "code").rules().get(0);

    assertThat(built).usingRecursiveComparison().ignoringFields("position").isEqualTo(parsed);
  }

  @Test
  void aResourceRuleGetsTheScopeOfItsResource() {
    RuleDefinition disk = RuleDefinition.builder("disk", Detector.RESOURCE).resource(Resource.DISK).threshold(90)
        .window(Duration.ofMinutes(5)).severity(HIGH).build();

    assertThat(disk.scope()).isEqualTo(Scope.MOUNT);
    assertThat(disk.metric()).isNull();
    assertThat(disk.minRequests()).isZero();
  }

  @Test
  void buildRunsTheConstructorsChecks() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> RuleDefinition.builder("r", Detector.LATENCY).threshold(1).severity(HIGH).build())
        .withMessage("interval and window must be positive");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> RuleDefinition.builder("r", Detector.LATENCY).window(Duration.ofMinutes(1)).build())
        .withMessage("rule 'r': severity is required");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> RuleDefinition.builder("r", Detector.RESOURCE).threshold(1).window(Duration.ofMinutes(1))
            .severity(HIGH).build())
        .withMessage("resource is required for, and only for, resource rules");
  }
}
