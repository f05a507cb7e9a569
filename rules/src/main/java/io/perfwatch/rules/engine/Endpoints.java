package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.ScopeLabels;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the endpoint-scoped detectors (latency, error rate, degradation) share. */
final class Endpoints {
  static final Map<String, String> OVERALL_SCOPE = Map.of(ScopeLabels.SCOPE, "overall");

  private Endpoints() {}

  /**
   * An endpoint's statistics and the scope of its alerts ({@link #OVERALL_SCOPE} for the merged total).
   *
   * @param key "GET /api/transactions/:id", built once per window rather than per lookup
   */
  record Scoped(EndpointStats stats, Map<String, String> scope, String key) {}

  /** Each endpoint whose route the rule includes, or the merged total for {@code scope: overall}. */
  static List<Scoped> inScope(RuleDefinition rule, WindowStats window, Windows windows) {
    if (rule.scope() == Scope.OVERALL) {
      return List.of(new Scoped(window.total(), OVERALL_SCOPE, key(window.total())));
    }
    if (rule.scope() != Scope.ENDPOINT) {
      throw new IllegalArgumentException("rule '" + rule.name() + "': detector " + rule.detector().yamlName()
          + " supports scope endpoint or overall, not " + rule.scope().yamlName());
    }
    List<Scoped> matching = new ArrayList<>();
    for (Scoped e : windows.endpoints(window)) {
      if (rule.matchesRoute(e.stats().route())) {
        matching.add(e);
      }
    }
    return matching;
  }

  /** "GET /api/transactions/:id", as the spec writes an endpoint. */
  static String key(EndpointStats e) {
    return e.method() + " " + e.route();
  }

  static String name(RuleDefinition rule, EndpointStats e) {
    return rule.scope() == Scope.OVERALL ? "all endpoints" : key(e);
  }

  static double value(Metric metric, EndpointStats e) {
    return switch (metric) {
      case AVG -> e.avgMs();
      case P50 -> e.p50Ms();
      case P95 -> e.p95Ms();
      case P99 -> e.p99Ms();
      case MAX -> e.maxMs();
    };
  }

  static String label(Metric metric) {
    return metric == Metric.AVG ? "average latency" : metric.yamlName() + " latency";
  }

  /** Where the time of a slow endpoint goes, from its own measurements, and what to do about it. */
  static String latencyAdvice(EndpointStats e) {
    List<String> advice = new ArrayList<>();
    double dbShare = e.avgMs() > 0 ? Math.min(100, e.avgQueryTimeMs() / e.avgMs() * 100) : 0;
    if (e.nPlusOneCount() > 0) {
      advice.add(e.nPlusOneCount() + " N+1 query patterns were seen: eager-load or batch the repeated queries");
    }
    if (dbShare >= 50) {
      advice.add(String.format(Locale.ROOT, "%.0f%% of the time is spent in SQL (%s queries per request): "
          + "look at its slow queries and add the missing indexes", dbShare, Texts.num(e.avgQueriesPerRequest())));
    } else if (e.avgQueriesPerRequest() >= 10) {
      advice.add(Texts.num(e.avgQueriesPerRequest()) + " queries per request: batch them or cache the results");
    } else {
      advice.add("most of the time is spent outside the database: profile the handler, cache repeated reads "
          + "(e.g. in Redis) and move slow work to asynchronous tasks");
    }
    if (e.p50Ms() > 0 && e.p99Ms() >= 5 * e.p50Ms()) {
      advice.add(String.format(Locale.ROOT, "p99 is %.0fx p50: a slow tail points at lock contention, GC pauses "
          + "or a slow dependency; add timeouts", e.p99Ms() / e.p50Ms()));
    }
    return Texts.capitalize(String.join("; ", advice)) + ".";
  }
}
