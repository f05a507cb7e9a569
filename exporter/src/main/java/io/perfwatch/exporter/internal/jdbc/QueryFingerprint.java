package io.perfwatch.exporter.internal.jdbc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.perfwatch.exporter.internal.meter.Buckets;
import org.jspecify.annotations.Nullable;

/**
 * The canonical object for one normalized statement, with its bounded labels and its timers resolved once, so that
 * recording a statement does no registry lookup. One instance per fingerprint below the cap: {@link RequestQueries}
 * compares those by identity. Beyond the cap a statement gets an instance of its own (cached per text, or one per
 * execution for a text with literals) that keeps its full normalized SQL for N+1 detection, while its labels, timers
 * and stored shape are those of the shared {@code OTHER} stand-in.
 */
final class QueryFingerprint {
  static final String SUCCESS = "success";
  static final String ERROR = "error";

  private final QueryShape shape;
  private final String statement;
  private final boolean overflow;
  private final boolean tableCapped;
  private final MeterRegistry registry;
  private final Timer success;
  private final @Nullable QueryFingerprint standIn;
  /** Registered on the first failure only: most statements never fail, and each series costs 17 scrape lines. */
  private volatile @Nullable Timer error;

  /**
   * @param overflow true for the shared stand-in of all fingerprints beyond the cap
   * @param tableCapped the table label became {@code OTHER} at its cap
   */
  QueryFingerprint(QueryShape shape, boolean overflow, boolean tableCapped, MeterRegistry registry) {
    this.shape = shape;
    this.statement = shape.normalizedSql();
    this.overflow = overflow;
    this.tableCapped = tableCapped;
    this.registry = registry;
    this.standIn = null;
    this.success = timer(SUCCESS);
  }

  private QueryFingerprint(QueryFingerprint standIn, String statement) {
    this.shape = standIn.shape;
    this.statement = statement;
    this.overflow = true;
    this.tableCapped = standIn.tableCapped;
    this.registry = standIn.registry;
    this.standIn = standIn;
    this.success = standIn.success;
  }

  /** A statement beyond the cap: {@code standIn}'s labels and timers, its own normalized SQL. */
  static QueryFingerprint beyondCap(QueryFingerprint standIn, String statement) {
    return new QueryFingerprint(standIn, statement);
  }

  /** The full normalized SQL, beyond the cap too: what N+1 detection groups a request's statements by. */
  String statement() {
    return statement;
  }

  /** Both beyond the cap with the same normalized SQL (below the cap, identity decides). */
  boolean sameStatementBeyondCap(QueryFingerprint other) {
    return overflow && other.overflow && statement.equals(other.statement);
  }

  boolean tableCapped() {
    return tableCapped;
  }

  /** Normalized SQL ({@code OTHER} beyond the fingerprint cap), operation and capped table label. */
  QueryShape shape() {
    return shape;
  }

  /** Beyond the fingerprint cap: stored and exported as {@code OTHER}. */
  boolean overflow() {
    return overflow;
  }

  Timer timer(boolean failed) {
    if (standIn != null) {
      return standIn.timer(failed);
    }
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
