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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The windows of one evaluation cycle, split by the rule's {@link Aggregation} when the source is a fleet: each
 * service's or instance's candidates are computed over its own windows (a {@link Windows} per group) and carry
 * its {@code job} and {@code instance} in their scope, so one bad replica or one bad service is an alert of its
 * own. A fleet window is fetched once per range and level (one round of queries for every group) and shared by the
 * groups; the first one the cycle needs sends every round its rules read at once, each asking only for what they
 * read ({@link FleetNeeds}). Over the in-process store there is one group without identity: candidates are as before. Confined to the
 * evaluating thread.
 */
final class FleetWindows {
  private final StatsSource source;
  private final long nowMillis;
  private final Scopes scopes;
  private final FleetNeeds needs;
  private final Coverage coverage;
  private final Windows whole;
  private final Map<Range, Object> fetched = new HashMap<>();
  private @Nullable Map<Range, CompletableFuture<Map<Identity, WindowStats>>> asked;
  private final Map<Group, Windows> groups = new HashMap<>();

  /** The windows of a cycle evaluating {@code rules}: a fleet round asks only for what they read. */
  FleetWindows(StatsSource source, long nowMillis, Scopes scopes, Coverage coverage, List<RuleDefinition> rules) {
    this.source = source;
    this.nowMillis = nowMillis;
    this.scopes = scopes;
    this.coverage = coverage;
    this.needs = new FleetNeeds(rules, nowMillis);
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
    if (asked == null) { // the first fleet window of the cycle: every round the rules will read is sent now
      asked = new HashMap<>();
      try {
        source.windows(needs.requests()).forEach((r, answer) ->
            asked.put(new Range(r.fromMillis(), r.toMillis(), r.level()), answer));
      } catch (RuntimeException e) {
        // each window is then asked for alone below, and fails or not on its own
      }
    }
    Object result = fetched.computeIfAbsent(new Range(from, to, level), r -> {
      try {
        CompletableFuture<Map<Identity, WindowStats>> answer = asked.get(r);
        return answer != null ? answer.join() : source.windows(from, to, level, needs.of(from, to, level));
      } catch (CompletionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
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
