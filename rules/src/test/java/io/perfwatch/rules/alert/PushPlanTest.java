package io.perfwatch.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.rules.alert.PushPlan.Push;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus's push mechanics, driven through a real {@link AlertTracker} on exact times. */
class PushPlanTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
  private static final Duration RESEND = Duration.ofMinutes(1);

  private final PushPlan plan = new PushPlan(RESEND, 3);
  private final AlertTracker tracker = new AlertTracker(Clock.fixed(T0, ZoneOffset.UTC), HistoryLimits.defaults(),
      List.of(new AlertSink() {
        @Override
        public void transition(Alert alert) {
          if (alert.state() == AlertState.RESOLVED) {
            plan.resolved(alert);
          }
        }

        @Override
        public void cycle(Cycle cycle) {
          plan.cycle(cycle);
        }
      }));

  private static RuleDefinition rule(Duration interval, Duration forDuration) {
    TestRules rule = TestRules.rule("latency", Detector.LATENCY).every(interval);
    rule.forDuration = forDuration;
    rule.labels = Map.of("team", "payments");
    return rule.build();
  }

  private static Observation seen(String endpoint, Severity severity) {
    return new Observation("latency", "latency", TestRules.endpoint(endpoint), 1500, 1000, severity,
        "slow " + endpoint, "cache it", Map.of("team", "payments"), Map.of());
  }

  /** One evaluation at {@code t} and what the sender would post right after it. */
  private List<String> evaluate(RuleDefinition rule, Instant t, Observation... observations) {
    tracker.apply(rule, List.of(observations), t);
    tracker.publish(t);
    return lines(plan.due(t));
  }

  private static List<String> lines(List<Push> pushes) {
    return pushes.stream().map(p -> p.labels().get("uri") + " " + p.labels().get("severity") + " "
        + p.startsAt() + " .. " + p.endsAt() + (p.ended() ? " ended" : "")).toList();
  }

  @Test
  void pendingAlertsAreNeverPushedAndAFirstFiringStartsAtTheFiringTime() {
    RuleDefinition rule = rule(Duration.ofSeconds(30), Duration.ofMinutes(1));

    assertThat(evaluate(rule, T0, seen("GET /a", Severity.LOW))).isEmpty();
    assertThat(evaluate(rule, T0.plusSeconds(30), seen("GET /a", Severity.LOW))).isEmpty();
    assertThat(evaluate(rule, T0.plusSeconds(60), seen("GET /a", Severity.LOW)))
        .containsExactly("/a low 2026-01-15T10:31:00Z .. 2026-01-15T10:35:00Z");
  }

  @Test
  void validityIsFourTimesTheLongerOfEvaluationIntervalAndResendDelay() {
    RuleDefinition slow = rule(Duration.ofMinutes(5), Duration.ZERO);

    assertThat(evaluate(slow, T0, seen("GET /a", Severity.LOW)))
        .containsExactly("/a low 2026-01-15T10:30:00Z .. 2026-01-15T10:50:00Z");
  }

  @Test
  void labelsAreScopeRuleLabelsAlertnameAndSeverity() {
    evaluate(rule(Duration.ofSeconds(30), Duration.ZERO), T0, seen("GET /a", Severity.LOW));
    tracker.publish(T0.plusSeconds(60));

    assertThat(plan.due(T0.plusSeconds(60))).singleElement().satisfies(p -> assertThat(p.labels()).isEqualTo(
        Map.of("alertname", "latency", "severity", "low", "team", "payments", "method", "GET", "uri", "/a")));
  }

  @Test
  void aSeverityChangeEndsTheOldLabelSetAndStartsTheNewOneAtOnce() {
    RuleDefinition rule = rule(Duration.ofSeconds(30), Duration.ofMinutes(1));
    evaluate(rule, T0, seen("GET /a", Severity.LOW));
    evaluate(rule, T0.plusSeconds(60), seen("GET /a", Severity.LOW));

    assertThat(evaluate(rule, T0.plusSeconds(90), seen("GET /a", Severity.HIGH))).containsExactly(
        "/a low 2026-01-15T10:31:00Z .. 2026-01-15T10:31:30Z ended",
        "/a high 2026-01-15T10:31:30Z .. 2026-01-15T10:35:30Z");
    assertThat(evaluate(rule, T0.plusSeconds(120), seen("GET /a", Severity.LOW))).containsExactly(
        "/a high 2026-01-15T10:31:30Z .. 2026-01-15T10:32:00Z ended",
        "/a low 2026-01-15T10:32:00Z .. 2026-01-15T10:36:00Z");
    assertThat(evaluate(rule, T0.plusSeconds(150)))
        .containsExactly("/a low 2026-01-15T10:32:00Z .. 2026-01-15T10:32:30Z ended");
    assertThat(plan.nextDue()).isEmpty();
  }

  @Test
  void firingAlertsAreResentEveryResendDelayWithTheValidityOfTheLastCycle() {
    RuleDefinition rule = rule(Duration.ofSeconds(30), Duration.ZERO);
    evaluate(rule, T0, seen("GET /a", Severity.LOW));

    assertThat(evaluate(rule, T0.plusSeconds(30), seen("GET /a", Severity.LOW))).isEmpty();
    assertThat(plan.nextDue()).contains(T0.plusSeconds(60));
    assertThat(lines(plan.due(T0.plusSeconds(59)))).isEmpty();
    assertThat(lines(plan.due(T0.plusSeconds(60))))
        .containsExactly("/a low 2026-01-15T10:30:00Z .. 2026-01-15T10:34:30Z");
    assertThat(plan.nextDue()).contains(T0.plusSeconds(120));
  }

  @Test
  void aSecondAlertIsPushedWithoutResendingTheFirst() {
    RuleDefinition rule = rule(Duration.ofSeconds(30), Duration.ZERO);
    evaluate(rule, T0, seen("GET /a", Severity.LOW));

    assertThat(evaluate(rule, T0.plusSeconds(30), seen("GET /a", Severity.LOW), seen("GET /b", Severity.HIGH)))
        .containsExactly("/b high 2026-01-15T10:30:30Z .. 2026-01-15T10:34:30Z");
  }

  @Test
  void anAlertAlertmanagerNeverHeardOfIsNotEnded() {
    RuleDefinition rule = rule(Duration.ofSeconds(30), Duration.ZERO);
    tracker.apply(rule, List.of(seen("GET /a", Severity.LOW)), T0);
    tracker.publish(T0);
    tracker.apply(rule, List.of(), T0.plusSeconds(30));
    tracker.publish(T0.plusSeconds(30));

    assertThat(plan.due(T0.plusSeconds(30))).isEmpty();
    assertThat(plan.nextDue()).isEmpty();
  }

  @Test
  void endedAlertsQueueUpToTheLimitDroppingTheOldest() {
    RuleDefinition rule = rule(Duration.ofSeconds(30), Duration.ZERO);
    Observation[] five = {seen("GET /1", Severity.LOW), seen("GET /2", Severity.LOW), seen("GET /3", Severity.LOW),
        seen("GET /4", Severity.LOW), seen("GET /5", Severity.LOW)};
    assertThat(evaluate(rule, T0, five)).hasSize(5);

    tracker.apply(rule, List.of(), T0.plusSeconds(30));

    assertThat(plan.queuedEnded()).isEqualTo(3);
    assertThat(lines(plan.due(T0.plusSeconds(30)))).extracting(l -> l.substring(0, 2))
        .containsExactly("/3", "/4", "/5");
  }
}
