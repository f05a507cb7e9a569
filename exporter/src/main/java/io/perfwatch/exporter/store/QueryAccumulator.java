package io.perfwatch.exporter.store;

import com.datadoghq.sketch.ddsketch.DDSketch;

/** The current minute of one SQL fingerprint in one stripe. */
final class QueryAccumulator implements Accumulator<QueryRollup> {
  private final DDSketch durations = DurationSketch.newLiveSketch();
  private String operation = "OTHER";
  private String table = "unknown";
  private long count;
  private long errors;
  private long sumNanos;
  private long maxNanos;

  void add(DatabaseMetrics query) {
    operation = query.operation();
    table = query.table();
    count++;
    if (query.isError()) {
      errors++;
    }
    long nanos = query.durationNanos();
    sumNanos += nanos;
    maxNanos = Math.max(maxNanos, nanos);
    durations.accept(nanos / 1e6);
  }

  void addAggregate(QueryAggregate aggregate) {
    operation = aggregate.operation();
    table = aggregate.table();
    count += aggregate.count();
    errors += aggregate.errorCount();
    sumNanos += aggregate.sumNanos();
    maxNanos = Math.max(maxNanos, aggregate.maxNanos());
    AggregateSketch.add(durations, aggregate.buckets(), aggregate.count(), aggregate.sumNanos(),
        aggregate.maxNanos());
  }

  @Override
  public boolean isEmpty() {
    return count == 0;
  }

  @Override
  public QueryRollup snapshot() {
    return new QueryRollup(operation, table, count, errors, sumNanos, maxNanos, DurationSketch.freeze(durations));
  }

  @Override
  public void reset() {
    durations.clear();
    count = 0;
    errors = 0;
    sumNanos = 0;
    maxNanos = 0;
  }
}
