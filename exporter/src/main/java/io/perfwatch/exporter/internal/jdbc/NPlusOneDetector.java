package io.perfwatch.exporter.internal.jdbc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.exporter.store.NPlusOneFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * One finding per SELECT fingerprint that a request ran at least {@code minRepeats} times (Sentry's detector uses 5).
 * Statements are told apart by their full normalized SQL, beyond the fingerprint cap too; the cap only decides what
 * is stored and exported: a finding beyond it carries the fingerprint {@code OTHER}, and is still counted.
 */
final class NPlusOneDetector {
  private final MeterRegistry registry;
  private final int minRepeats;

  NPlusOneDetector(MeterRegistry registry, int minRepeats) {
    this.registry = registry;
    this.minRepeats = minRepeats;
  }

  List<NPlusOneFinding> detect(RequestQueries request, String method, String route, long timestampMillis) {
    List<NPlusOneFinding> findings = List.of();
    for (int k = 0; k < request.distinct(); k++) {
      QueryFingerprint fingerprint = request.fingerprint(k);
      QueryShape shape = fingerprint.shape();
      if (request.repeats(k) < minRepeats || !QueryShape.SELECT.equals(shape.operation())) {
        continue;
      }
      if (findings.isEmpty()) {
        findings = new ArrayList<>(2);
      }
      findings.add(new NPlusOneFinding(timestampMillis, method, route, shape.table(), shape.normalizedSql(),
          request.repeats(k), request.nanos(k)));
      // A lookup per finding, not per statement: findings are rare.
      Counter.builder("db.n.plus.one")
          .description("Requests in which one SELECT fingerprint ran repeatedly (N+1 query pattern)")
          .tags("method", method, "uri", route, "table", shape.table())
          .register(registry)
          .increment();
    }
    return findings;
  }
}
