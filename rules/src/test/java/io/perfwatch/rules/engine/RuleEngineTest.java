package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.Resource;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.RuleSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

  /** Latency rules whose condition throws; every other detector as shipped. */
  private static final RuleCompiler THROWING_LATENCY = new RuleCompiler(kind -> kind == Detector.LATENCY
      ? new BottleneckDetector() {
        @Override
        public List<Candidate> candidates(RuleDefinition rule, Windows windows) {
          return new LatencyDetector().candidates(rule, windows);
        }

        @Override
        public boolean holds(Candidate candidate, double threshold, long minTraffic) {
          throw new IllegalStateException("boom on " + new java.util.TreeMap<>(candidate.scope()));
        }
      }
      : new RuleCompiler().compile(rule("x", kind).build()).detector());

  @Test
  void aThrowingRuleIsCountedLoggedAndRecordedWhileOthersStillRun() {
    Fixture f = new Fixture(THROWING_LATENCY);
    f.requests(30, "GET", "/api/transactions", 500, 2500);
    f.requests(20, "GET", "/api/accounts", 200, 100);

    List<Alert> alerts = f.evaluate(rule("latency", Detector.LATENCY).threshold(2000),
        rule("errors", Detector.ERROR_RATE).threshold(5));

    assertThat(alerts).extracting(Alert::rule).containsExactly("errors");
    assertThat(f.registry.get("perfwatch.rule.evaluation.errors").tag("rule", "latency").counter().count())
        .isEqualTo(1.0);
    assertThat(f.engine.lastErrors()).containsOnlyKeys("latency");
    assertThat(f.engine.lastErrors().get("latency")).satisfies(e -> {
      assertThat(e.message()).isEqualTo(
          "condition failed: IllegalStateException: boom on {method=GET, uri=/api/transactions}");
      assertThat(e.at()).isEqualTo(Fixture.T0);
      assertThat(e.count()).isEqualTo(1);
    });
    assertThat(f.registry.get("perfwatch.rule.evaluations").counter().count()).isEqualTo(2.0);

    f.evaluate(rule("latency", Detector.LATENCY).threshold(2000));
    assertThat(f.engine.lastErrors().get("latency").count()).isEqualTo(2);
  }

  @Test
  void anUnavailableWindowIsAnErrorOfTheRulesThatNeedItOnly() {
    Fixture f = new Fixture() {
      @Override
      public WindowStats window(long fromMillis, long toMillis) {
        if (toMillis - fromMillis == Duration.ofMinutes(10).toMillis()) {
          throw new IllegalStateException("Prometheus at http://prometheus:9090 is down");
        }
        return super.window(fromMillis, toMillis);
      }
    };
    f.requests(30, "GET", "/api/transactions", 200, 2500);
    TestRules tenMinutes = rule("latency-10m", Detector.LATENCY).threshold(2000);
    tenMinutes.window = Duration.ofMinutes(10);
    TestRules other = rule("cpu", Detector.RESOURCE).resource(Resource.CPU).threshold(80);

    List<Alert> alerts = f.evaluate(tenMinutes, rule("latency-5m", Detector.LATENCY).threshold(2000), other);

    assertThat(alerts).extracting(Alert::rule).containsExactly("latency-5m");
    assertThat(f.engine.lastErrors().get("latency-10m").message()).isEqualTo("evaluation failed: "
        + "WindowUnavailableException: window [2026-01-15T10:20:00Z, 2026-01-15T10:30:00Z] of test store failed: "
        + "Prometheus at http://prometheus:9090 is down");
    assertThat(f.registry.get("perfwatch.rule.evaluation.errors").tag("rule", "latency-10m").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aFailedEvaluationKeepsTheAlertsOfTheRuleInsteadOfResolvingThem() {
    boolean[] down = {false};
    Fixture f = new Fixture() {
      @Override
      public WindowStats window(long fromMillis, long toMillis) {
        if (down[0]) {
          throw new IllegalStateException("down");
        }
        return super.window(fromMillis, toMillis);
      }
    };
    f.requests(30, "GET", "/api/transactions", 200, 2500);
    TestRules latency = rule("latency", Detector.LATENCY).threshold(2000);
    f.evaluate(latency);

    down[0] = true;
    f.advance(Duration.ofMinutes(10));
    assertThat(f.evaluate(latency)).extracting(Alert::state).containsExactly(AlertState.FIRING);
    assertThat(f.engine.lastErrors().get("latency").count()).isEqualTo(1);
  }

  @Test
  void eachDistinctWindowIsFetchedOncePerCycle() {
    Fixture f = new Fixture();
    f.evaluate(rule("a", Detector.LATENCY), rule("b", Detector.ERROR_RATE), rule("c", Detector.SLOW_QUERY),
        rule("d", Detector.DEGRADATION));

    assertThat(f.windowsFetched.get()).isEqualTo(2);
  }

  @Test
  void healthyDataRaisesNothingFromAnyDetector() {
    Fixture f = new Fixture();
    f.requests(200, "GET", "/api/transactions", 200, 120, 3, 20);
    f.queries(200, "SELECT * FROM transactions WHERE id = ?", "SELECT", "transactions", 3);
    f.system(30, 35, 50, 1000, Map.of("/", 40.0), 4);
    f.system(10, 30, 50, 990, Map.of("/", 40.0), 2);

    List<Alert> alerts = f.engine.evaluate(new RuleSet(List.of(
        rule("latency", Detector.LATENCY).threshold(1000).build(),
        rule("errors", Detector.ERROR_RATE).threshold(5).build(),
        rule("slow", Detector.SLOW_QUERY).threshold(500).build(),
        rule("n1", Detector.N_PLUS_ONE).threshold(1).build(),
        rule("cpu", Detector.RESOURCE).resource(Resource.CPU).threshold(80).build(),
        rule("memory", Detector.RESOURCE).resource(Resource.MEMORY).threshold(85).build(),
        rule("disk", Detector.RESOURCE).resource(Resource.DISK).threshold(90).build(),
        rule("busy", Detector.RESOURCE).resource(Resource.CONCURRENCY).threshold(100).build(),
        rule("leak", Detector.RESOURCE).resource(Resource.MEMORY_LEAK).threshold(5).build(),
        rule("degradation", Detector.DEGRADATION).threshold(50).build()), "test"));

    assertThat(alerts).isEmpty();
    assertThat(f.engine.lastErrors()).isEmpty();
    assertThat(f.sink.transitions).isEmpty();
  }

  @Test
  void rulesRemovedByAReloadResolveAndForgetTheirErrors() {
    Fixture f = new Fixture(THROWING_LATENCY);
    f.requests(30, "GET", "/api/transactions", 500, 2500);
    f.evaluate(rule("latency", Detector.LATENCY), rule("errors", Detector.ERROR_RATE).threshold(5));

    f.engine.retainOnly(new RuleSet(List.of(), "reloaded"));

    assertThat(f.tracker.active()).isEmpty();
    assertThat(f.engine.lastErrors()).isEmpty();
    assertThat(f.sink.lines()).containsExactly("firing critical errors {method=GET, uri=/api/transactions}",
        "resolved critical errors {method=GET, uri=/api/transactions}");
  }

  @Test
  void aThrowingActionIsAnEvaluationErrorToo() {
    RuleCompiler brokenTexts = new RuleCompiler(kind -> (rule, windows) -> List.of(new Candidate(
        Map.of("resource", "cpu"), 99, 1, true, 0, () -> {
          throw new IllegalArgumentException("no text");
        })));
    Fixture f = new Fixture(brokenTexts);

    assertThat(f.evaluate(rule("cpu", Detector.RESOURCE).resource(Resource.CPU).threshold(80))).isEmpty();
    assertThat(f.engine.lastErrors().get("cpu").message())
        .isEqualTo("action failed: IllegalArgumentException: no text");
    assertThat(f.registry.get("perfwatch.rule.evaluation.errors").tag("rule", "cpu").counter().count())
        .isEqualTo(1.0);
  }
  @Test
  void anOngoingAlertShowsTheValueAndTextsOfTheLatestEvaluation() {
    Fixture f = new Fixture();
    f.requests(30, "GET", "/api/transactions", 200, 2500);
    TestRules latency = rule("latency", Detector.LATENCY).threshold(2000);
    f.evaluate(latency);

    f.advance(Duration.ofSeconds(30));
    f.requests(30, "GET", "/api/transactions", 200, 3500);
    List<Alert> alerts = f.evaluate(latency);

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(3000.0);
      assertThat(a.summary()).isEqualTo("Average latency of GET /api/transactions is 3000 ms (threshold 2000 ms, "
          + "60 requests)");
      assertThat(a.details()).containsEntry("requests", 60L).containsEntry("avg_ms", 3000L);
    });
  }

  @Test
  void textsAreComposedForNewAlertsAndOtherwiseOnlyWhenRead() {
    AtomicInteger composed = new AtomicInteger();
    RuleCompiler counting = new RuleCompiler(kind -> (rule, windows) -> List.of(new Candidate(
        Map.of("resource", "cpu"), 99, 1, true, 0, () -> {
          composed.incrementAndGet();
          return new Candidate.Description(Map.of(), Map.of(), "CPU at 99%", "scale out");
        })));
    Fixture f = new Fixture(counting);
    TestRules cpu = rule("cpu", Detector.RESOURCE).resource(Resource.CPU).threshold(80);

    f.evaluate(cpu);
    assertThat(composed).hasValue(1);

    List<Alert> again = f.evaluate(cpu);
    f.evaluate(cpu);
    assertThat(composed).hasValue(1);

    assertThat(again).singleElement().extracting(Alert::summary).isEqualTo("CPU at 99%");
    assertThat(f.tracker.active()).singleElement().extracting(Alert::recommendation).isEqualTo("scale out");
    assertThat(composed).hasValue(3);
  }

  @Test
  void anOngoingAlertWhoseNewTextsFailKeepsItsLastTexts() {
    AtomicInteger evaluation = new AtomicInteger();
    RuleCompiler failingLater = new RuleCompiler(kind -> (rule, windows) -> {
      int n = evaluation.incrementAndGet();
      return List.of(new Candidate(Map.of("resource", "cpu"), 90 + n, 1, true, 0, () -> {
        if (n > 1) {
          throw new IllegalArgumentException("no text");
        }
        return new Candidate.Description(Map.of(), Map.of(), "CPU at 91%", "scale out");
      }));
    });
    Fixture f = new Fixture(failingLater);
    TestRules cpu = rule("cpu", Detector.RESOURCE).resource(Resource.CPU).threshold(80);
    f.evaluate(cpu);

    List<Alert> alerts = f.evaluate(cpu);

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(92.0);
      assertThat(a.summary()).isEqualTo("CPU at 91%");
    });
    assertThat(f.engine.lastErrors()).isEmpty();
  }
  @Test
  void rulesReadingTheSameSettingsShareCandidatesButEachComposesItsOwnTexts() {
    Fixture f = new Fixture();
    f.requests(20, "GET", "/api/transactions", 200, 1000);
    f.requests(10, "GET", "/api/transactions", 200, 5000);
    TestRules p95 = rule("p95", Detector.LATENCY).threshold(4000);
    p95.metric = Metric.P95;

    List<Alert> alerts = f.evaluate(rule("avg-2s", Detector.LATENCY).threshold(2000),
        rule("avg-1s", Detector.LATENCY).threshold(1000), p95);

    assertThat(alerts).extracting(Alert::rule, Alert::summary).containsExactlyInAnyOrder(
        tuple("avg-2s", "Average latency of GET /api/transactions is 2333.3 ms (threshold 2000 ms, 30 requests)"),
        tuple("avg-1s", "Average latency of GET /api/transactions is 2333.3 ms (threshold 1000 ms, 30 requests)"),
        tuple("p95", "P95 latency of GET /api/transactions is 4999.6 ms (threshold 4000 ms, 30 requests)"));
    assertThat(alerts).extracting(Alert::rule, Alert::severity).containsExactlyInAnyOrder(
        tuple("avg-2s", Severity.LOW), tuple("avg-1s", Severity.HIGH), tuple("p95", Severity.LOW));
  }
}
