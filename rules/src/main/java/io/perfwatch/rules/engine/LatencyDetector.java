package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Spec detector 1: average or percentile latency per endpoint (or overall) in milliseconds. */
final class LatencyDetector implements BottleneckDetector {

  /** What the candidates depend on: rules that agree on these share them within a cycle. */
  private record Settings(Metric metric, Duration window, Scope scope, List<String> include, List<String> exclude) {}

  @Override
  public List<Candidate> candidates(RuleDefinition rule, Windows windows) {
    Metric metric = Objects.requireNonNullElse(rule.metric(), Metric.P95);
    return windows.candidates(new Settings(metric, rule.window(), rule.scope(), rule.include(), rule.exclude()),
        () -> {
          List<Endpoints.Scoped> endpoints = Endpoints.inScope(rule, windows.current(rule), windows);
          List<Candidate> candidates = new ArrayList<>(endpoints.size());
          for (Endpoints.Scoped e : endpoints) {
            candidates.add(candidate(metric, e.stats(), e.scope()));
          }
          return candidates;
        });
  }

  private static Candidate candidate(Metric metric, EndpointStats e, Map<String, String> scope) {
    double value = Endpoints.value(metric, e);
    return new Candidate(scope, value, e.count(), true, 0, rule -> describe(rule, metric, e, value));
  }

  private static Candidate.Description describe(RuleDefinition rule, Metric metric, EndpointStats e, double value) {
    String name = Endpoints.name(rule, e);
    Map<String, Object> details = Map.of(
        "metric", metric.yamlName(),
        "requests", e.count(),
        "avg_ms", Texts.number(e.avgMs()),
        "p95_ms", Texts.number(e.p95Ms()),
        "avg_queries_per_request", Texts.number(e.avgQueriesPerRequest()),
        "avg_db_time_per_request_ms", Texts.number(e.avgQueryTimeMs()));
    String summary = Texts.capitalize(Endpoints.label(metric)) + " of " + name + " is " + Texts.num(value)
        + " ms (threshold " + Texts.num(rule.threshold()) + " ms, " + e.count() + " requests)";
    return new Candidate.Description(Map.of("endpoint", name, "count", Long.toString(e.count())), details, summary,
        Endpoints.latencyAdvice(e));
  }
}
