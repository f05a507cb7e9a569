package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.RuleSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RuleSchedulerTest {

  @Test
  void evaluatesGroupsAndPicksUpReloadedRulesAtTheNextTick() {
    Fixture f = new Fixture();
    f.requests(30, "GET", "/api/transactions", 500, 2500);
    AtomicReference<RuleSet> rules = new AtomicReference<>(
        new RuleSet(List.of(rule("latency", Detector.LATENCY).threshold(2000).every(Duration.ofMillis(10)).build()), "v1"));
    AtomicInteger reads = new AtomicInteger();

    try (RuleScheduler scheduler = new RuleScheduler(() -> {
      reads.incrementAndGet();
      return rules.get();
    }, f.engine, Duration.ofMillis(5))) {
      scheduler.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> f.tracker.active().size() == 1);

      rules.set(new RuleSet(List.of(rule("errors", Detector.ERROR_RATE).threshold(5).every(Duration.ofMillis(10)).build()), "v2"));
      await().atMost(Duration.ofSeconds(5))
          .until(() -> f.tracker.active().stream().map(Alert::rule).toList().equals(List.of("errors")));
    }
    assertThat(reads.get()).isGreaterThan(1);
    assertThat(f.sink.lines()).containsExactly("firing low latency {method=GET, uri=/api/transactions}",
        "resolved low latency {method=GET, uri=/api/transactions}",
        "firing critical errors {method=GET, uri=/api/transactions}");
  }

  @Test
  void aGroupRunsOncePerIntervalNotOncePerTick() {
    Fixture f = new Fixture();
    AtomicInteger reads = new AtomicInteger();
    RuleSet rules = new RuleSet(List.of(rule("latency", Detector.LATENCY).build()), "v1");

    try (RuleScheduler scheduler = new RuleScheduler(() -> {
      reads.incrementAndGet();
      return rules;
    }, f.engine, Duration.ofMillis(5))) {
      scheduler.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() >= 20);
    }
    assertThat(f.registry.get("perfwatch.rule.evaluations").counter().count()).isEqualTo(1.0);
  }
}
