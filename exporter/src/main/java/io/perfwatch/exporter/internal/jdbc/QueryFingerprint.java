package io.perfwatch.exporter.internal.jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.perfwatch.exporter.internal.meter.Buckets;
import org.jspecify.annotations.Nullable;

/**
 * The canonical object for one normalized statement, with its bounded labels and its timers resolved once, so that
 * recording a statement does no registry lookup. One instance per fingerprint: {@link RequestQueries} compares
 * fingerprints by identity.
 */
final class QueryFingerprint {
  static final String SUCCESS = "success";
  static final String ERROR = "error";

  private final QueryShape shape;
  private final boolean overflow;
  private final MeterRegistry registry;
  private final Timer success;
  /** Registered on the first failure only: most statements never fail, and each series costs 17 scrape lines. */
  private volatile @Nullable Timer error;

  QueryFingerprint(QueryShape shape, boolean overflow, MeterRegistry registry) {
    this.shape = shape;
    this.overflow = overflow;
    this.registry = registry;
    this.success = timer(SUCCESS);
  }

  /** Normalized SQL ({@code OTHER} beyond the fingerprint cap), operation and capped table label. */
  QueryShape shape() {
    return shape;
  }

  /** True for the shared stand-in of all fingerprints beyond the cap: it is not one statement. */
  boolean overflow() {
    return overflow;
  }

  Timer timer(boolean failed) {
    if (!failed) {
      return success;
    }
    Timer t = error;
    if (t == null) {
      t = timer(ERROR);
      error = t;
    }
    return t;
  }

  private Timer timer(String outcome) {
    return Timer.builder("db.query.duration")
        .description("Duration of SQL statements run through the instrumented DataSource")
        .tags("operation", shape.operation(), "table", shape.table(), "outcome", outcome)
        .serviceLevelObjectives(Buckets.DATABASE)
        .register(registry);
  }
}
