package io.perfwatch.rules.engine;

import io.perfwatch.rules.source.Statistic;
import io.perfwatch.rules.source.WindowRequest;
import io.perfwatch.rules.yaml.Aggregation;
import io.perfwatch.rules.yaml.Baseline;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.Resource;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which fleet windows the rules of one evaluation cycle read, and what they read from each: a round of queries to
 * Prometheus then asks only for that (a disk rule needs no latency buckets, a slow-query rule no HTTP series at
 * all), and every round of the cycle can be asked for at once. Rules sharing a window and level share one round,
 * so its needs are the union of theirs. A window nobody declared (a detector added later) gets
 * {@link Statistic#all()}: never a silently empty family.
 */
final class FleetNeeds {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final Map<Key, Set<Statistic>> needs = new LinkedHashMap<>();

  FleetNeeds(List<RuleDefinition> rules, long nowMillis) {
    for (RuleDefinition rule : rules) {
      if (rule.detector() == Detector.TARGET_DOWN) {
        continue; // reads the targets' health, no window
      }
      Set<Statistic> reads = reads(rule);
      long window = rule.window().toMillis();
      long from = nowMillis - window;
      add(new Key(from, nowMillis, rule.aggregation()), reads);
      if (rule.detector() == Detector.DEGRADATION) { // its baseline, as DegradationDetector takes it
        add(Objects.requireNonNullElse(rule.baseline(), Baseline.PREVIOUS_HOUR) == Baseline.PREVIOUS_HOUR
            ? new Key(from - HOUR, from, rule.aggregation())
            : new Key(from - DAY, nowMillis - DAY, rule.aggregation()), reads);
      }
    }
  }

  /** The families the rules read from {@code [from, to]} at {@code level}. */
  Set<Statistic> of(long fromMillis, long toMillis, Aggregation level) {
    return needs.getOrDefault(new Key(fromMillis, toMillis, level), Statistic.all());
  }

  /** Every window the rules read, with its needs. */
  List<WindowRequest> requests() {
    List<WindowRequest> requests = new ArrayList<>();
    needs.forEach((key, reads) -> requests.add(new WindowRequest(key.from, key.to, key.level, reads)));
    return requests;
  }

  private void add(Key key, Set<Statistic> reads) {
    needs.computeIfAbsent(key, k -> EnumSet.noneOf(Statistic.class)).addAll(reads);
  }

  /** What each detector reads of a window, its alert texts included (latency advice reads every endpoint figure). */
  private static Set<Statistic> reads(RuleDefinition rule) {
    if (rule.detector() == null) {
      return Statistic.all();
    }
    return switch (rule.detector()) {
      case LATENCY -> with(metric(rule, Metric.P95), EnumSet.of(Statistic.REQUESTS, Statistic.DURATION,
          Statistic.PERCENTILES, Statistic.QUERIES_PER_REQUEST, Statistic.N_PLUS_ONE)); // the advice reads these
      case DEGRADATION -> with(metric(rule, Metric.AVG), EnumSet.of(Statistic.REQUESTS, Statistic.DURATION,
          Statistic.QUERIES_PER_REQUEST)); // the advice compares errors and queries per request
      case ERROR_RATE -> EnumSet.of(Statistic.REQUESTS);
      case N_PLUS_ONE -> EnumSet.of(Statistic.N_PLUS_ONE);
      case SLOW_QUERY -> EnumSet.of(Statistic.DATABASE);
      case TARGET_DOWN -> EnumSet.noneOf(Statistic.class);
      case RESOURCE -> resource(rule.resource());
    };
  }

  /**
   * Host gauges; CPU advice names the busiest endpoint (requests × average), concurrency the slowest, by average:
   * per-instance percentiles would make Prometheus read every bucket series of the fleet for one sentence.
   */
  private static Set<Statistic> resource(Resource resource) {
    if (resource == null) {
      return Statistic.all();
    }
    return switch (resource) {
      case CPU, CONCURRENCY -> EnumSet.of(Statistic.HOST, Statistic.REQUESTS, Statistic.DURATION);
      case MEMORY, DISK, MEMORY_LEAK -> EnumSet.of(Statistic.HOST);
    };
  }

  private static Metric metric(RuleDefinition rule, Metric fallback) {
    return Objects.requireNonNullElse(rule.metric(), fallback);
  }

  /** {@code reads} and the family {@code metric} comes from. */
  private static Set<Statistic> with(Metric metric, Set<Statistic> reads) {
    reads.add(switch (metric) {
      case AVG -> Statistic.DURATION;
      case P50, P95, P99 -> Statistic.PERCENTILES;
      case MAX -> Statistic.MAX;
    });
    return reads;
  }

  private record Key(long from, long to, Aggregation level) {}
}
