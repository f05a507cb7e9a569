package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.engine.RuleEngine;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Rules over scrape targets keep each observation's identity: two instances of {@code orders} (one failing), one of
 * {@code users} (failing hard), real HTTP servers on port 0 scraped by the real scraper.
 */
class FleetRulesTest {
  private static final long T0 = Instant.parse("2026-01-15T10:00:00Z").toEpochMilli();
  private static final String RULES = """
      groups:
        - name: fleet
          interval: 15s
          rules:
            - name: errors-per-instance
              detector: error_rate
              aggregate: instance
              threshold: 10
              window: 5m
              severity: high
            - name: errors-per-service
              detector: error_rate
              threshold: 30
              window: 5m
              severity: high
            - name: target-down
              detector: target_down
              aggregate: instance
              threshold: 1
              window: 1m
              severity: critical
      """;

  private final AtomicLong clock = new AtomicLong(T0);
  private final RuleSet rules = new RuleFileParser(Map.of()).parse(RULES, "fleet.yml");

  @Test
  void perInstanceAlertNamesTheBadReplicaAndPerServiceAlertTheBadJobOnly() {
    try (FakeTarget healthy = new FakeTarget().serve(Expositions.http(0, 0));
        FakeTarget bad = new FakeTarget().serve(Expositions.http(0, 0));
        FakeTarget users = new FakeTarget().serve(Expositions.http(0, 0));
        Scraper scraper = scraper("orders=" + healthy.url() + ",orders=" + bad.url() + ",users=" + users.url())) {
      RuleEngine engine = engine(scraper);
      scraper.scrapeOnce();
      healthy.serve(Expositions.http(100, 0));
      bad.serve(Expositions.http(80, 20)); // 20 % on its own, 10 % of the orders service
      users.serve(Expositions.http(10, 40)); // 80 %
      clock.addAndGet(15_000);
      scraper.scrapeOnce();

      List<Alert> alerts = engine.evaluate(rules);

      assertThat(alerts).filteredOn(a -> a.rule().equals("errors-per-instance"))
          .extracting(Alert::scope, Alert::value)
          .containsExactlyInAnyOrder(
              tuple(Map.of("job", "orders", "instance", instance(bad), "method", "GET", "uri", "/api/items/:id"), 20.0),
              tuple(Map.of("job", "users", "instance", instance(users), "method", "GET", "uri", "/api/items/:id"),
                  80.0));
      assertThat(alerts).filteredOn(a -> a.rule().equals("errors-per-service"))
          .extracting(Alert::scope, Alert::value)
          .containsExactly(tuple(Map.of("job", "users", "method", "GET", "uri", "/api/items/:id"), 80.0));
      assertThat(alerts).filteredOn(a -> a.rule().equals("errors-per-instance"))
          .filteredOn(a -> a.scope().get("job").equals("orders")).singleElement()
          .satisfies(a -> assertThat(a.summary()).endsWith("[job orders, instance " + instance(bad) + "]"));
      assertThat(alerts).filteredOn(a -> a.rule().equals("target-down")).isEmpty();
    }
  }

  @Test
  void targetDownFiresForTheDeadInstanceAndItsStaleDataStopsCountingUntilItReturns() {
    try (FakeTarget healthy = new FakeTarget().serve(Expositions.http(0, 0));
        FakeTarget bad = new FakeTarget().serve(Expositions.http(0, 0));
        Scraper scraper = scraper("orders=" + healthy.url() + ",orders=" + bad.url())) {
      RuleEngine engine = engine(scraper);
      scraper.scrapeOnce();
      bad.serve(Expositions.http(80, 20));
      clock.addAndGet(15_000);
      scraper.scrapeOnce();
      assertThat(engine.evaluate(rules)).extracting(Alert::rule).containsExactly("errors-per-instance");

      bad.status(503);
      clock.addAndGet(15_000);
      scraper.scrapeOnce();
      assertThat(engine.evaluate(rules)).extracting(Alert::rule)
          .containsExactlyInAnyOrder("errors-per-instance", "target-down"); // one failed scrape: not stale yet
      clock.addAndGet(16_000);
      scraper.scrapeOnce();
      List<Alert> down = engine.evaluate(rules); // 31 s since its last success: stale
      assertThat(down).extracting(Alert::rule, Alert::scope, Alert::state).containsExactly(
          tuple("target-down", Map.of("job", "orders", "instance", instance(bad)), AlertState.FIRING));
      assertThat(down.get(0).summary()).isEqualTo("Instance " + instance(bad) + " of orders is down ["
          + instance(bad) + ": HTTP 503, last success 2026-01-15T10:00:15Z]");
      assertThat(scraper.targets().get(1)).satisfies(t -> {
        assertThat(t.up()).isFalse();
        assertThat(t.lastError()).contains("HTTP 503");
        assertThat(t.consecutiveFailures()).isEqualTo(2);
        assertThat(t.series()).isEqualTo(14);
      });

      bad.status(200).serve(Expositions.http(80, 20)); // back with the same counters: nothing new happened
      clock.addAndGet(15_000);
      scraper.scrapeOnce();
      assertThat(engine.evaluate(rules)).extracting(Alert::rule) // its errors are in the window again
          .containsExactly("errors-per-instance");
      clock.addAndGet(5 * 60_000);
      scraper.scrapeOnce();
      assertThat(engine.evaluate(rules)).isEmpty();
    }
  }

  private RuleEngine engine(Scraper scraper) {
    Clock fixed = Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC);
    return new RuleEngine(scraper.merged(), new AlertTracker(fixed, HistoryLimits.defaults(), List.of()),
        new SimpleMeterRegistry());
  }

  private Scraper scraper(String targets) {
    return Scraper.builder().targets(targets).interval(Duration.ofSeconds(15)).timeout(Duration.ofSeconds(2))
        .clock(clock::get).build();
  }

  private static String instance(FakeTarget target) {
    return target.url().substring("http://".length(), target.url().indexOf("/metrics"));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
