package io.perfwatch.exporter.store;

/** The current minute of one SQL fingerprint in one stripe. */
final class QueryAccumulator implements Accumulator<QueryRollup> {
  private final LiveBins durations = new LiveBins();
  private String operation = "OTHER";
  private String table = "unknown";
  private long count;
  private long errors;
  private long sumNanos;
  private long minNanos = Long.MAX_VALUE;
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
    minNanos = Math.min(minNanos, nanos);
    maxNanos = Math.max(maxNanos, nanos);
    durations.add(nanos);
  }

  void addAggregate(QueryAggregate aggregate) {
    operation = aggregate.operation();
    table = aggregate.table();
    count += aggregate.count();
    errors += aggregate.errorCount();
    sumNanos += aggregate.sumNanos();
    AggregateSketch.Range range = AggregateSketch.add(durations, aggregate.buckets(), aggregate.count(),
        aggregate.sumNanos(), aggregate.maxNanos());
    minNanos = Math.min(minNanos, range.min());
    maxNanos = Math.max(maxNanos, range.max());
  }

  @Override
  public boolean isEmpty() {
    return count == 0;
  }

  @Override
  public QueryRollup snapshot() {
    return new QueryRollup(operation, table, count, errors, sumNanos, minNanos, maxNanos, durations.freeze());
  }

  @Override
  public void reset() {
    durations.reset();
    count = 0;
    errors = 0;
    sumNanos = 0;
    minNanos = Long.MAX_VALUE;
    maxNanos = 0;
  }
}
