package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.QueryStats;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.source.Coverage;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.source.TargetHealth;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The windows of one evaluation cycle, each fetched once however many rules ask for it (a Prometheus source pays a
 * round of queries per window), and what rules derive from a window's endpoints (scopes, lookups by key), built
 * once per window rather than once per rule. A failed fetch is remembered too, so every rule that needs it reports
 * the error without hammering a source that is down. Confined to the evaluating thread.
 */
final class Windows {
  private final Fetch source;
  private final String description;
  private final Supplier<List<TargetHealth>> targets;
  private final long nowMillis;
  private final Scopes scopes;
  private final Coverage coverage;
  private final Map<Span, Object> fetched = new HashMap<>();
  private final Map<WindowStats, List<Endpoints.Scoped>> endpoints = new IdentityHashMap<>();
  private final Map<QueryStats, Map<String, String>> queryScopes = new IdentityHashMap<>();
  private final Map<WindowStats, Map<String, EndpointStats>> endpointsByKey = new IdentityHashMap<>();
  private final Map<Record, List<Candidate>> candidates = new HashMap<>();

  Windows(StatsSource source, long nowMillis, Scopes scopes, Coverage coverage) {
    this(source::window, source.describe(), source::targets, nowMillis, scopes, coverage);
  }

  /** The windows of one group of a fleet (see {@link FleetWindows}), fetched through {@code source}. */
  Windows(Fetch source, String description, Supplier<List<TargetHealth>> targets, long nowMillis, Scopes scopes,
      Coverage coverage) {
    this.source = source;
    this.description = description;
    this.targets = targets;
    this.nowMillis = nowMillis;
    this.scopes = scopes;
    this.coverage = coverage;
  }

  long nowMillis() {
    return nowMillis;
  }

  /** The health of the source's watched targets (none for the in-process store); may throw like a window. */
  List<TargetHealth> targets() {
    return targets.get();
  }

  /** The part of the rule's window the source has data for: what its rates divide by. */
  long coveredMillis(RuleDefinition rule) {
    return coverage.coveredMillis(rule.window().toMillis(), nowMillis);
  }

  /** {@code [now - rule.window, now]}. */
  WindowStats current(RuleDefinition rule) {
    return get(nowMillis - rule.window().toMillis(), nowMillis);
  }

  WindowStats get(long fromMillis, long toMillis) {
    Object result = fetched.computeIfAbsent(new Span(fromMillis, toMillis), this::fetch);
    if (result instanceof WindowUnavailableException failure) {
      throw failure;
    }
    return (WindowStats) result;
  }

  private Object fetch(Span span) {
    try {
      return source.window(span.from, span.to);
    } catch (RuntimeException e) {
      return new WindowUnavailableException("window [" + Instant.ofEpochMilli(span.from) + ", "
          + Instant.ofEpochMilli(span.to) + "] of " + description + " failed: " + e.getMessage(), e);
    }
  }

  /** The window's endpoints with their {@code method, uri} scopes, built once per window per cycle. */
  List<Endpoints.Scoped> endpoints(WindowStats window) {
    return endpoints.computeIfAbsent(window, w -> {
      List<Endpoints.Scoped> scoped = new ArrayList<>(w.endpoints().size());
      for (EndpointStats e : w.endpoints()) {
        String key = Endpoints.key(e);
        scoped.add(new Endpoints.Scoped(e, scopes.endpoint(key, e.method(), e.route()), key));
      }
      return List.copyOf(scoped);
    });
  }

  /** {@code operation, table, query} of a statement of this cycle's windows, built once however many rules ask. */
  Map<String, String> queryScope(QueryStats q) {
    return queryScopes.computeIfAbsent(q, query -> scopes.query(query.fingerprint(), query.operation(),
        query.table()));
  }

  /** The shared instance of an alert scope (see {@link Scopes}). */
  Map<String, String> scope(Map<String, String> scope) {
    return scopes.intern(scope);
  }

  /**
   * The candidates of every rule whose detector reads the settings in {@code key} (a record of the detector's own,
   * e.g. metric, window and route globs), computed once per cycle: 100 rules over 500 endpoints judge 33,000 scope
   * instances, but only a few thousand distinct ones. A failure is not kept, so each rule reports its own.
   */
  List<Candidate> candidates(Record key, Supplier<List<Candidate>> compute) {
    List<Candidate> known = candidates.get(key);
    if (known == null) {
      known = Collections.unmodifiableList(compute.get());
      candidates.put(key, known);
    }
    return known;
  }

  /** The window's endpoints by {@code "GET /route"}, indexed once per window per cycle. */
  Map<String, EndpointStats> endpointsByKey(WindowStats window) {
    return endpointsByKey.computeIfAbsent(window, w -> {
      Map<String, EndpointStats> byKey = new HashMap<>();
      for (Endpoints.Scoped e : endpoints(w)) {
        byKey.put(e.key(), e.stats());
      }
      return byKey;
    });
  }

  private record Span(long from, long to) {}

  /** Where a window comes from: a source, or one group of a fleet source's answer. */
  interface Fetch {
    WindowStats window(long fromMillis, long toMillis);
  }

  /** A source could not answer; the rules that needed the window report it as their evaluation error. */
  static final class WindowUnavailableException extends IllegalStateException {
    WindowUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
