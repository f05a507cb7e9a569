package io.perfwatch.rules.engine;

import io.perfwatch.rules.alert.ScopeLabels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct alert scope, across evaluation cycles. The alert tracker looks every breaching
 * instance up by its scope map, twice per cycle; with the instance it was first stored under, {@code HashMap} finds
 * it by reference instead of comparing the maps entry by entry (allocating an iterator each time), which was a fifth
 * of a cycle of 100 rules over 500 endpoints. Each cache holds at most {@value #MAX} entries and starts over beyond
 * that, which only costs speed. Thread-safe.
 */
final class Scopes {
  static final int MAX = 50_000;

  private final ConcurrentHashMap<Map<String, String>, Map<String, String>> canonical = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Map<String, String>> queries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Map<String, String>> endpoints = new ConcurrentHashMap<>();

  /** The instance equal to {@code scope} that was interned first, else {@code scope} itself from now on. */
  Map<String, String> intern(Map<String, String> scope) {
    Map<String, String> known = canonical.putIfAbsent(scope, scope);
    if (known != null) {
      return known;
    }
    if (canonical.size() > MAX) {
      canonical.clear();
    }
    return scope;
  }

  /**
   * The interned {@code method, uri} scope of the endpoint {@code key} ("GET /route"), built once rather than per
   * endpoint per window per cycle (a two-entry map costs three times a one-entry one).
   */
  Map<String, String> endpoint(String key, String method, String route) {
    Map<String, String> scope = endpoints.get(key);
    if (scope == null) {
      if (endpoints.size() >= MAX) {
        endpoints.clear();
      }
      scope = intern(Map.of(ScopeLabels.METHOD, method, ScopeLabels.URI, route));
      endpoints.put(key, scope);
    }
    return scope;
  }

  /**
   * The interned {@code operation, table, query} scope of a statement, built (and its fingerprint hashed) once
   * rather than per statement per window per cycle.
   */
  Map<String, String> query(String fingerprint, String operation, String table) {
    Map<String, String> scope = queries.get(fingerprint);
    if (scope == null || !operation.equals(scope.get(ScopeLabels.OPERATION))
        || !table.equals(scope.get(ScopeLabels.TABLE))) {
      if (queries.size() >= MAX) {
        queries.clear();
      }
      scope = intern(Map.of(ScopeLabels.OPERATION, operation, ScopeLabels.TABLE, table, ScopeLabels.QUERY,
          ScopeLabels.queryId(fingerprint)));
      queries.put(fingerprint, scope);
    }
    return scope;
  }
}
