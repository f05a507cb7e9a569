package io.perfwatch.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertTrackerTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
  private final RecordingSink sink = new RecordingSink();
  private final AlertTracker tracker = new AlertTracker(Clock.fixed(T0, ZoneOffset.UTC), HistoryLimits.defaults(),
      List.of(sink));

  private static RuleDefinition latency(Duration forDuration, Duration keepFiringFor) {
    TestRules rule = TestRules.rule("latency", Detector.LATENCY);
    rule.forDuration = forDuration;
    rule.keepFiringFor = keepFiringFor;
    rule.labels = Map.of("team", "payments");
    return rule.build();
  }

  private static Observation seen(String endpoint, double value, Severity severity) {
    return new Observation("latency", "latency", TestRules.endpoint(endpoint), value, 1000, severity,
        "slow " + endpoint, "cache it", Map.of("team", "payments"), Map.of());
  }

  @Test
  void pendingUntilForHasElapsedThenFiring() {
    RuleDefinition rule = latency(Duration.ofMinutes(1), Duration.ZERO);
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0);
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0.plusSeconds(59));
    assertThat(tracker.active()).extracting(Alert::state).containsExactly(AlertState.PENDING);

    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0.plusSeconds(60));
    assertThat(tracker.active()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.startedAt()).isEqualTo(T0);
      assertThat(a.firingAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(a.labels()).isEqualTo(Map.of("team", "payments", "alertname", "latency", "severity", "low"));
    });
    assertThat(sink.lines()).containsExactly("pending low latency {method=GET, uri=/a}",
        "firing low latency {method=GET, uri=/a}");
  }

  @Test
  void aPendingAlertWhoseConditionStopsHoldingIsDropped() {
    RuleDefinition rule = latency(Duration.ofMinutes(1), Duration.ofMinutes(5));
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0);
    tracker.apply(rule, List.of(), T0.plusSeconds(30));

    assertThat(tracker.active()).isEmpty();
    assertThat(tracker.history()).isEmpty();
  }

  @Test
  void severityEscalatesAndDeescalatesWhileFiringWithAnEventEachTime() {
    RuleDefinition rule = latency(Duration.ZERO, Duration.ZERO);
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0);
    tracker.apply(rule, List.of(seen("GET /a", 4500, Severity.CRITICAL)), T0.plusSeconds(30));
    tracker.apply(rule, List.of(seen("GET /a", 4400, Severity.CRITICAL)), T0.plusSeconds(60));
    tracker.apply(rule, List.of(seen("GET /a", 1600, Severity.MEDIUM)), T0.plusSeconds(90));

    assertThat(sink.lines()).containsExactly("firing low latency {method=GET, uri=/a}",
        "firing critical latency {method=GET, uri=/a}", "firing medium latency {method=GET, uri=/a}");
    assertThat(tracker.active()).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(1600.0);
      assertThat(a.labels()).containsEntry("severity", "medium");
    });
  }

  @Test
  void oneAlertPerRuleAndScopeAndAnAbsentScopeCountsAsFalse() {
    RuleDefinition rule = latency(Duration.ZERO, Duration.ofSeconds(60));
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW), seen("GET /a", 1700, Severity.LOW),
        seen("GET /b", 1500, Severity.LOW)), T0);
    assertThat(tracker.active()).hasSize(2);

    tracker.apply(rule, List.of(seen("GET /b", 1500, Severity.LOW)), T0.plusSeconds(59));
    assertThat(tracker.active()).hasSize(2);
    tracker.apply(rule, List.of(seen("GET /b", 1500, Severity.LOW)), T0.plusSeconds(60));

    assertThat(tracker.active()).extracting(Alert::scope).containsExactly(Map.of("method", "GET", "uri", "/b"));
    assertThat(tracker.history()).extracting(Alert::state).containsExactlyInAnyOrder(AlertState.FIRING,
        AlertState.RESOLVED);
    assertThat(tracker.alerts(T0.plusSeconds(61))).extracting(Alert::state).containsExactly(AlertState.FIRING);
  }

  @Test
  void activeAlertsStayNewestFirstAsAlertsStartAndGo() {
    RuleDefinition rule = latency(Duration.ZERO, Duration.ZERO);
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW), seen("GET /b", 1500, Severity.LOW)), T0);
    tracker.apply(rule, List.of(seen("GET /b", 1500, Severity.LOW), seen("GET /c", 1500, Severity.LOW)),
        T0.plusSeconds(30));
    assertThat(tracker.active()).extracting(a -> a.scope().get("uri")).containsExactly("/c", "/b");

    tracker.apply(rule, List.of(seen("GET /c", 1500, Severity.LOW), seen("GET /a", 1500, Severity.LOW)),
        T0.plusSeconds(60));

    assertThat(tracker.active()).extracting(a -> a.scope().get("uri")).containsExactly("/a", "/c");
    assertThat(tracker.active()).extracting(Alert::startedAt).containsExactly(T0.plusSeconds(60), T0.plusSeconds(30));
  }

  @Test
  void anAlertShowsTheTextsOfItsLatestObservation() {
    RuleDefinition rule = latency(Duration.ZERO, Duration.ZERO);
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0);
    tracker.apply(rule, List.of(new Observation("latency", "latency", Map.of("method", "GET", "uri", "/a"), 1600, 1000,
        Severity.LOW, "slower GET /a", "cache more", Map.of("team", "payments"), Map.of("requests", "12"))),
        T0.plusSeconds(30));

    assertThat(tracker.active()).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(1600.0);
      assertThat(a.summary()).isEqualTo("slower GET /a");
      assertThat(a.recommendation()).isEqualTo("cache more");
      assertThat(a.details()).isEqualTo(Map.of("requests", "12"));
    });
  }

  @Test
  void newAlertsWhoseTextsFailToComposeChangeNothing() {
    RuleDefinition rule = latency(Duration.ZERO, Duration.ZERO);
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0);
    Observation broken = new Observation("latency", "latency", Map.of("method", "GET", "uri", "/b"), 1500, 1000,
        Severity.LOW, AlertTexts.onFirstRead(() -> {
          throw new IllegalStateException("no text");
        }), Map.of());

    assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> tracker.apply(rule,
        List.of(seen("GET /a", 1700, Severity.LOW), broken), T0.plusSeconds(30))).withMessage("no text");

    assertThat(tracker.active()).singleElement().extracting(Alert::value).isEqualTo(1500.0);
    assertThat(sink.lines()).containsExactly("firing low latency {method=GET, uri=/a}");
  }

  @Test
  void aNewAlertAfterResolutionGetsANewId() {
    RuleDefinition rule = latency(Duration.ZERO, Duration.ZERO);
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0);
    tracker.apply(rule, List.of(), T0.plusSeconds(30));
    tracker.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), T0.plusSeconds(60));

    List<Alert> all = tracker.history();
    assertThat(all).extracting(Alert::startedAt).containsExactly(T0.plusSeconds(60), T0);
    assertThat(all.get(0).id()).isNotEqualTo(all.get(1).id());
    assertThat(all.get(1).resolvedAt()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void historyIsBoundedByCountAndByAge() {
    AlertTracker small = new AlertTracker(Clock.fixed(T0.plus(Duration.ofHours(3)), ZoneOffset.UTC),
        new HistoryLimits(Duration.ofHours(2), 3), List.of());
    RuleDefinition rule = latency(Duration.ZERO, Duration.ZERO);
    for (int i = 0; i < 5; i++) {
      Instant at = T0.plus(Duration.ofMinutes(i));
      small.apply(rule, List.of(seen("GET /a", 1500, Severity.LOW)), at);
      small.apply(rule, List.of(), at.plusSeconds(30));
    }
    assertThat(small.alerts(Instant.MIN)).extracting(Alert::startedAt)
        .containsExactly(T0.plusSeconds(240), T0.plusSeconds(180), T0.plusSeconds(120));

    assertThat(small.history()).isEmpty();
  }

  @Test
  void returnedListsAreImmutable() {
    tracker.apply(latency(Duration.ZERO, Duration.ZERO), List.of(seen("GET /a", 1500, Severity.LOW)), T0);

    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> tracker.active().clear());
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> tracker.history().clear());
  }

  @Test
  void alertsOfRemovedRulesResolve() {
    tracker.apply(latency(Duration.ZERO, Duration.ofHours(1)), List.of(seen("GET /a", 1500, Severity.LOW)), T0);
    tracker.retainRules(Set.of("other"), T0.plusSeconds(5));

    assertThat(tracker.active()).isEmpty();
    assertThat(tracker.history()).extracting(Alert::resolvedAt).containsExactly(T0.plusSeconds(5));
  }

  @Test
  void historyHoursComeFromTheEnvironment() {
    assertThat(HistoryLimits.fromEnv(Map.of())).isEqualTo(new HistoryLimits(Duration.ofHours(72), 10_000));
    assertThat(HistoryLimits.fromEnv(Map.of("PERFORMANCE_ALERT_HISTORY_HOURS", "24")).retention())
        .isEqualTo(Duration.ofHours(24));
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> HistoryLimits.fromEnv(Map.of("PERFORMANCE_ALERT_HISTORY_HOURS", "0")))
        .withMessage("PERFORMANCE_ALERT_HISTORY_HOURS='0' is invalid: expected a whole number of hours, at least 1 "
            + "(default 72)");
  }
}
