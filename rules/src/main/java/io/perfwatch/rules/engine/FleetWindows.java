package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.source.Coverage;
import io.perfwatch.rules.source.Identity;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.yaml.Aggregation;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The windows of one evaluation cycle, split by the rule's {@link Aggregation} when the source is a fleet: each
 * service's or instance's candidates are computed over its own windows (a {@link Windows} per group) and carry
 * its {@code job} and {@code instance} in their scope, so one bad replica or one bad service is an alert of its
 * own. A fleet window is fetched once per range and level (one round of queries for every group) and shared by the
 * groups. Over the in-process store there is one group without identity: candidates are as before. Confined to the
 * evaluating thread.
 */
final class FleetWindows {
  private final StatsSource source;
  private final long nowMillis;
  private final Scopes scopes;
  private final Coverage coverage;
  private final Windows whole;
  private final Map<Range, Object> fetched = new HashMap<>();
  private final Map<Group, Windows> groups = new HashMap<>();

  FleetWindows(StatsSource source, long nowMillis, Scopes scopes, Coverage coverage) {
    this.source = source;
    this.nowMillis = nowMillis;
    this.scopes = scopes;
    this.coverage = coverage;
    this.whole = new Windows(source, nowMillis, scopes, coverage);
  }

  /** The rule's candidates in every group that has data in the rule's window, groups in job, instance order. */
  List<Candidate> candidates(RuleDefinition rule, BottleneckDetector detector) {
    if (!source.fleet() || !detector.perGroup()) {
      return detector.candidates(rule, whole);
    }
    Aggregation level = rule.aggregation();
    long from = nowMillis - rule.window().toMillis();
    List<Identity> ids;
    try {
      ids = new ArrayList<>(groups(from, nowMillis, level).keySet());
    } catch (RuntimeException e) {
      throw new Windows.WindowUnavailableException("window [" + Instant.ofEpochMilli(from) + ", "
          + Instant.ofEpochMilli(nowMillis) + "] of " + source.describe() + " failed: " + e.getMessage(), e);
    }
    Collections.sort(ids);
    List<Candidate> all = new ArrayList<>();
    for (Identity id : ids) {
      Windows windows = groups.computeIfAbsent(new Group(level, id), g -> new Windows(
          (f, t) -> groups(f, t, level).getOrDefault(id, empty(f, t)),
          source.describe() + " (" + id.describe() + ")", List::of, nowMillis, scopes, coverage));
      for (Candidate c : detector.candidates(rule, windows)) {
        all.add(identified(c, id));
      }
    }
    return all;
  }

  private Map<Identity, WindowStats> groups(long from, long to, Aggregation level) {
    Object result = fetched.computeIfAbsent(new Range(from, to, level), r -> {
      try {
        return source.windows(from, to, level);
      } catch (RuntimeException e) {
        return e;
      }
    });
    if (result instanceof RuntimeException failure) {
      throw failure;
    }
    @SuppressWarnings("unchecked")
    Map<Identity, WindowStats> windows = (Map<Identity, WindowStats>) result;
    return windows;
  }

  /** The candidate with {@code job} (and {@code instance}) in its scope and named in its summary. */
  private Candidate identified(Candidate c, Identity id) {
    Map<String, String> scope = new LinkedHashMap<>(id.labels());
    scope.putAll(c.scope());
    return new Candidate(scopes.intern(Map.copyOf(scope)), c.value(), c.traffic(), c.qualified(), c.raise(), rule -> {
      Candidate.Description d = c.description().apply(rule);
      Map<String, String> vars = new HashMap<>(d.vars());
      vars.putAll(id.labels());
      return new Candidate.Description(vars, d.details(), d.summary() + " [" + id.describe() + "]",
          d.recommendation());
    });
  }

  /** A group without data in this range: nothing happened there that the source knows of. */
  private static WindowStats empty(long from, long to) {
    EndpointStats none = new EndpointStats("*", "*", 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0);
    return new WindowStats(from, to, none, List.of(), List.of(), List.of(), List.of(), Map.of());
  }

  private record Range(long from, long to, Aggregation level) {}

  private record Group(Aggregation level, Identity id) {}
}
