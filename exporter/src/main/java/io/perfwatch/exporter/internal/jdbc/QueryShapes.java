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
 * through their {@link LabelLimiter}s once, when a fingerprint is created, so labels and the store stay bounded.
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
    String sql = fingerprintLimiter.admit(shape.normalizedSql());
    String table = tableLimiter.admit(shape.table());
    String operation = shape.operation();
    if (LabelLimiter.OTHER.equals(sql)) {
      return overflow.computeIfAbsent(operation + ' ' + table,
          k -> new QueryFingerprint(new QueryShape(LabelLimiter.OTHER, operation, table), true, registry));
    }
    return bySql.computeIfAbsent(sql,
        k -> new QueryFingerprint(new QueryShape(sql, operation, table), false, registry));
  }

  /** Statement texts held in the cache; for tests that prove no literal is retained. */
  Set<String> cachedTexts() {
    return Set.copyOf(byText.keySet());
  }

  int fingerprintCount() {
    return bySql.size();
  }
}
