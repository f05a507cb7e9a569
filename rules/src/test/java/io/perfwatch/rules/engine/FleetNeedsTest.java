package io.perfwatch.rules.engine;

import static io.perfwatch.rules.source.Statistic.DATABASE;
import static io.perfwatch.rules.source.Statistic.DURATION;
import static io.perfwatch.rules.source.Statistic.HOST;
import static io.perfwatch.rules.source.Statistic.N_PLUS_ONE;
import static io.perfwatch.rules.source.Statistic.PERCENTILES;
import static io.perfwatch.rules.source.Statistic.QUERIES_PER_REQUEST;
import static io.perfwatch.rules.source.Statistic.REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.source.Identity;
import io.perfwatch.rules.source.Statistic;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.yaml.Aggregation;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleSet;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A fleet cycle of the shipped rules asks each window for what its rules read, and nothing else. */
class FleetNeedsTest {
  private static final long NOW = 1_768_471_200_000L;

  @Test
  void eachWindowOfTheShippedRulesAsksOnlyWhatItsRulesRead() {
    Map<String, Set<Statistic>> asked = new TreeMap<>();
    StatsSource fleet = new StatsSource() {
      @Override
      public WindowStats window(long fromMillis, long toMillis) {
        throw new AssertionError("a fleet window is asked per group");
      }

      @Override
      public Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level,
          Set<Statistic> needs) {
        asked.put(level + " " + (toMillis - fromMillis) / 60_000 + "m" + (toMillis == NOW ? "" : " before"),
            needs);
        EndpointStats none = new EndpointStats("*", "*", 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0);
        return Map.of(new Identity("orders", level == Aggregation.INSTANCE ? "a:1" : ""), new WindowStats(
            fromMillis, toMillis, none, List.of(), List.of(), List.of(), List.of(), Map.of()));
      }

      @Override
      public boolean fleet() {
        return true;
      }

      @Override
      public long nowMillis() {
        return NOW;
      }

      @Override
      public String describe() {
        return "a fleet";
      }
    };
    new RuleEngine(fleet, new AlertTracker(Clock.systemUTC(), HistoryLimits.defaults(), List.of()),
        new SimpleMeterRegistry()).evaluate(RuleFileParser.builtIn());

    assertThat(asked).isEqualTo(Map.of(
        // latency avg and p95 with their advice, error rates, N+1
        "SERVICE 5m", EnumSet.of(REQUESTS, DURATION, PERCENTILES, QUERIES_PER_REQUEST, N_PLUS_ONE),
        "SERVICE 10m", EnumSet.of(DATABASE), // slow queries
        "SERVICE 15m", EnumSet.of(REQUESTS, DURATION, PERCENTILES, QUERIES_PER_REQUEST), // degradation of p95, now
        "SERVICE 60m before", EnumSet.of(REQUESTS, DURATION, PERCENTILES, QUERIES_PER_REQUEST), // the hour before
        "INSTANCE 2m", EnumSet.of(HOST, REQUESTS, DURATION), // CPU (naming the busiest endpoint), memory
        "INSTANCE 5m", EnumSet.of(HOST), // disks
        "INSTANCE 1m", EnumSet.of(HOST, REQUESTS, DURATION), // concurrency (naming the slowest endpoint)
        "INSTANCE 30m", EnumSet.of(HOST))); // memory leak
  }

  @Test
  void concurrencyOverAFleetNamesTheSlowestEndpointByItsAverage() {
    double nan = Double.NaN;
    EndpointStats fast = new EndpointStats("GET", "/a", 100, 0, 0, 0, Map.of(200, 100L), 10, nan, nan, nan, nan, 0, 0,
        0);
    EndpointStats slow = new EndpointStats("GET", "/b", 50, 0, 0, 0, Map.of(200, 50L), 30, nan, nan, nan, nan, 0, 0, 0);
    WindowStats window = new WindowStats(NOW - 60_000, NOW, fast, List.of(fast, slow), List.of(), List.of(),
        List.of(new SystemMetrics(NOW, 20, 10, 50, 1000, Map.of(), -1, nan, 150)), Map.of());
    StatsSource fleet = new StatsSource() {
      @Override
      public WindowStats window(long fromMillis, long toMillis) {
        throw new AssertionError("a fleet window is asked per group");
      }

      @Override
      public Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level,
          Set<Statistic> needs) {
        return Map.of(new Identity("orders", "a:1"), window);
      }

      @Override
      public boolean fleet() {
        return true;
      }

      @Override
      public long nowMillis() {
        return NOW;
      }

      @Override
      public String describe() {
        return "a fleet";
      }
    };
    RuleSet rules = new RuleFileParser(Map.of()).parse("""
        groups:
          - name: resources
            interval: 15s
            rules:
              - name: busy
                detector: resource
                resource: concurrency
                threshold: 100
                window: 1m
                severity: high
        """, "busy.yml");

    List<Alert> alerts = new RuleEngine(fleet, new AlertTracker(Clock.systemUTC(), HistoryLimits.defaults(),
        List.of()), new SimpleMeterRegistry()).evaluate(rules);

    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.recommendation()).startsWith(
        "Requests pile up (slowest endpoint: GET /b, average 30 ms): add timeouts"));
  }
}
