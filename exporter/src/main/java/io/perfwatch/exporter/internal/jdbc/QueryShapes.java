package io.perfwatch.exporter.internal.jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.exporter.internal.meter.LabelLimiter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps statement text to its {@link QueryFingerprint}. Prepared statements repeat the same text, so a hit costs one
 * hash lookup (a String caches its hash) and no normalization.
 *
 * <p>Only texts in which the normalizer replaced no literal are cached: a text with literals may hold an email
 * address or a card number, and must not outlive the call. Such texts are normalized on every execution. The text
 * cache is capped at {@value #MAX_CACHED_TEXTS} entries: an application has a finite set of statement texts, far
 * below that; beyond it, texts are normalized each time rather than let memory grow. Fingerprints and tables pass
 * through their {@link LabelLimiter}s when a fingerprint is created, so labels and the store stay bounded; each
 * recording of a value that became {@code OTHER} is counted through {@link #recorded}.
 */
final class QueryShapes {
  static final int MAX_CACHED_TEXTS = 10_000;

  private final SqlNormalizer normalizer;
  private final MeterRegistry registry;
  private final LabelLimiter fingerprintLimiter;
  private final LabelLimiter tableLimiter;
  private final ConcurrentHashMap<String, QueryFingerprint> byText = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, QueryFingerprint> bySql = new ConcurrentHashMap<>();
  /** Stand-ins beyond the fingerprint cap, one per operation and table, so the timers keep their labels. */
  private final ConcurrentHashMap<String, QueryFingerprint> overflow = new ConcurrentHashMap<>();

  QueryShapes(MeterRegistry registry, int maxQueryLength, int maxFingerprints, int maxTables) {
    this.normalizer = new SqlNormalizer(maxQueryLength);
    this.registry = registry;
    this.fingerprintLimiter = new LabelLimiter(registry, "query_fingerprint", maxFingerprints);
    this.tableLimiter = new LabelLimiter(registry, "table", maxTables);
  }

  QueryFingerprint lookup(String sql) {
    QueryFingerprint known = byText.get(sql);
    if (known != null) {
      return known;
    }
    SqlNormalizer.Result result = normalizer.scan(sql);
    QueryFingerprint fingerprint = fingerprintFor(result.shape());
    if (!result.literalsReplaced() && byText.size() < MAX_CACHED_TEXTS) {
      byText.putIfAbsent(sql, fingerprint);
    }
    return fingerprint;
  }

  private QueryFingerprint fingerprintFor(QueryShape shape) {
    QueryFingerprint known = bySql.get(shape.normalizedSql());
    if (known != null) {
      return known;
    }
    String sql = fingerprintLimiter.canonical(shape.normalizedSql());
    String table = tableLimiter.canonical(shape.table());
    boolean tableCapped = LabelLimiter.OTHER.equals(table) && !LabelLimiter.OTHER.equals(shape.table());
    String operation = shape.operation();
    if (LabelLimiter.OTHER.equals(sql)) {
      QueryFingerprint standIn = overflow.computeIfAbsent(operation + ' ' + table, k -> new QueryFingerprint(
          new QueryShape(LabelLimiter.OTHER, operation, table), true, tableCapped, registry));
      return QueryFingerprint.beyondCap(standIn, shape.normalizedSql());
    }
    return bySql.computeIfAbsent(sql,
        k -> new QueryFingerprint(new QueryShape(sql, operation, table), false, tableCapped, registry));
  }

  /** Counts one recording of {@code fingerprint} in {@code perfwatch_dropped_series_total} for each capped label. */
  void recorded(QueryFingerprint fingerprint) {
    if (fingerprint.overflow()) {
      fingerprintLimiter.countDropped();
    }
    if (fingerprint.tableCapped()) {
      tableLimiter.countDropped();
    }
  }

  /** Statement texts held in the cache; for tests that prove no literal is retained. */
  Set<String> cachedTexts() {
    return Set.copyOf(byText.keySet());
  }

  int fingerprintCount() {
    return bySql.size();
  }
}
