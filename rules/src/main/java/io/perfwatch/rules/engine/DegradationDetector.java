package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.yaml.Baseline;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Spec detector 6: the rule's latency metric (default avg) now against a baseline window, as a percent increase.
 * {@code previous_hour} compares with the hour before the current window, {@code same_hour_yesterday} with the same
 * window 24 hours earlier. Both windows need {@code min_requests}, and a zero baseline gives no verdict.
 */
final class DegradationDetector implements BottleneckDetector {
  private static final long HOUR = 3_600_000L;

  /** What the candidates depend on: rules that agree on these share them within a cycle. */
  private record Settings(Metric metric, Baseline baseline, Duration window, Scope scope, List<String> include,
      List<String> exclude) {}

  @Override
  public List<Candidate> candidates(RuleDefinition rule, Windows windows) {
    Metric metric = Objects.requireNonNullElse(rule.metric(), Metric.AVG);
    Baseline baseline = Objects.requireNonNullElse(rule.baseline(), Baseline.PREVIOUS_HOUR);
    return windows.candidates(new Settings(metric, baseline, rule.window(), rule.scope(), rule.include(),
        rule.exclude()), () -> compute(rule, metric, baseline, windows));
  }

  private static List<Candidate> compute(RuleDefinition rule, Metric metric, Baseline baseline, Windows windows) {
    WindowStats now = windows.current(rule);
    long from = now.fromMillis();
    WindowStats before = baseline == Baseline.PREVIOUS_HOUR ? windows.get(from - HOUR, from)
        : windows.get(from - 24 * HOUR, windows.nowMillis() - 24 * HOUR);
    boolean overall = rule.scope() == Scope.OVERALL;
    Map<String, EndpointStats> past = overall ? Map.of() : windows.endpointsByKey(before);
    List<Candidate> candidates = new ArrayList<>();
    for (Endpoints.Scoped current : Endpoints.inScope(rule, now, windows)) {
      EndpointStats old = overall ? before.total() : past.get(current.key());
      if (old != null) {
        candidates.add(candidate(metric, baseline, current, old));
      }
    }
    return candidates;
  }

  private static Candidate candidate(Metric metric, Baseline baseline, Endpoints.Scoped scoped, EndpointStats old) {
    EndpointStats now = scoped.stats();
    double then = Endpoints.value(metric, old);
    double current = Endpoints.value(metric, now);
    double increase = then > 0 ? (current - then) / then * 100 : Double.NaN;
    return new Candidate(scoped.scope(), increase, Math.min(now.count(), old.count()), true, 0,
        rule -> describe(rule, metric, baseline, now, old, then, current, increase));
  }

  private static Candidate.Description describe(RuleDefinition rule, Metric metric, Baseline baseline,
      EndpointStats now, EndpointStats old, double then, double current, double increase) {
    String name = Endpoints.name(rule, now);
    String since = baseline == Baseline.PREVIOUS_HOUR ? "the previous hour" : "the same hour yesterday";
    String summary = Texts.capitalize(Endpoints.label(metric)) + " of " + name + " rose " + Texts.num(increase)
        + "% against " + since + " (" + Texts.num(then) + " ms to " + Texts.num(current) + " ms; threshold "
        + Texts.num(rule.threshold()) + "%)";
    Map<String, Object> details = Map.of("metric", metric.yamlName(), "baseline", baseline.yamlName(),
        "baseline_ms", Texts.number(then), "current_ms", Texts.number(current),
        "baseline_requests", old.count(), "requests", now.count());
    return new Candidate.Description(Map.of("endpoint", name, "count", Long.toString(now.count())), details, summary,
        advice(since, now, old));
  }

  /** Points at what changed along with the latency: more queries, more errors, or just more traffic. */
  private static String advice(String since, EndpointStats now, EndpointStats old) {
    List<String> changes = new ArrayList<>();
    if (now.avgQueriesPerRequest() > old.avgQueriesPerRequest() * 1.2) {
      changes.add("queries per request went from " + Texts.num(old.avgQueriesPerRequest()) + " to "
          + Texts.num(now.avgQueriesPerRequest()) + " (new or N+1 queries)");
    }
    if (now.avgQueryTimeMs() > old.avgQueryTimeMs() * 1.5 && now.avgQueryTimeMs() - old.avgQueryTimeMs() >= 1) {
      changes.add("SQL time per request went from " + Texts.num(old.avgQueryTimeMs()) + " ms to "
          + Texts.num(now.avgQueryTimeMs()) + " ms");
    }
    if (now.errorRatePercent() > old.errorRatePercent() + 1) {
      changes.add("the error rate went from " + Texts.num(old.errorRatePercent()) + "% to "
          + Texts.num(now.errorRatePercent()) + "%");
    }
    String what = changes.isEmpty() ? "" : "; " + String.join(", ", changes);
    return "Review the deployments and configuration changes since " + since + what
        + "; if traffic grew, scale out or add capacity.";
  }
}
