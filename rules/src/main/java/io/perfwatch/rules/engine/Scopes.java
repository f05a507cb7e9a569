package io.perfwatch.rules.engine;

import io.perfwatch.rules.alert.ScopeLabels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct alert scope, across evaluation cycles. The alert tracker looks every breaching
 * instance up by its scope map, twice per cycle; with the instance it was first stored under, {@code HashMap} finds
 * it by reference instead of comparing the maps entry by entry (allocating an iterator each time), which was a fifth
 * of a cycle of 100 rules over 500 endpoints. Holds at most {@value #MAX} scopes (and as many query ids) and starts
 * over beyond that, which only costs speed. Thread-safe.
 */
final class Scopes {
  static final int MAX = 50_000;

  private final ConcurrentHashMap<Map<String, String>, Map<String, String>> canonical = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> queryIds = new ConcurrentHashMap<>();

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

  /** {@link ScopeLabels#queryId}, hashed once per fingerprint rather than once per statement per cycle. */
  String queryId(String fingerprint) {
    String id = queryIds.get(fingerprint);
    if (id == null) {
      if (queryIds.size() >= MAX) {
        queryIds.clear();
      }
      id = ScopeLabels.queryId(fingerprint);
      queryIds.put(fingerprint, id);
    }
    return id;
  }
}
