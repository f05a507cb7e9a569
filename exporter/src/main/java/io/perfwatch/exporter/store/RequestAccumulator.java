package io.perfwatch.exporter.store;

/** The current minute of one endpoint in one stripe. */
final class RequestAccumulator implements Accumulator<RequestRollup> {
  private final LiveBins durations = new LiveBins();
  private final StatusCounts.Tally statuses = new StatusCounts.Tally();
  private long count;
  private long serverErrors;
  private long clientErrors;
  private long sumNanos;
  private long minNanos = Long.MAX_VALUE;
  private long maxNanos;
  private long queryCount;
  private long queryNanos;
  private long nPlusOne;

  void add(RequestMetrics request) {
    count++;
    int status = request.status();
    if (status >= 500) {
      serverErrors++;
    } else if (status >= 400) {
      clientErrors++;
    }
    statuses.add(status);
    long nanos = request.durationNanos();
    sumNanos += nanos;
    minNanos = Math.min(minNanos, nanos);
    maxNanos = Math.max(maxNanos, nanos);
    queryCount += request.queryCount();
    queryNanos += request.queryNanos();
    durations.add(nanos);
  }

  void addNPlusOne(NPlusOneFinding finding) {
    nPlusOne++;
  }

  void addNPlusOnes(long occurrences) {
    nPlusOne += occurrences;
  }

  void addAggregate(RequestAggregate aggregate) {
    long n = aggregate.count();
    if (n > 0) {
      int status = aggregate.status();
      if (status >= 500) {
        serverErrors += n;
      } else if (status >= 400) {
        clientErrors += n;
      }
      statuses.add(status, n);
    }
    count += n;
    sumNanos += aggregate.sumNanos();
    queryCount += aggregate.queryCount();
    AggregateSketch.Range range =
        AggregateSketch.add(durations, aggregate.buckets(), n, aggregate.sumNanos(), aggregate.maxNanos());
    minNanos = Math.min(minNanos, range.min());
    maxNanos = Math.max(maxNanos, range.max());
  }

  @Override
  public boolean isEmpty() {
    return count == 0 && nPlusOne == 0 && queryCount == 0;
  }

  @Override
  public RequestRollup snapshot() {
    return new RequestRollup(count, serverErrors, clientErrors, statuses.freeze(), sumNanos, minNanos, maxNanos,
        queryCount, queryNanos, nPlusOne, durations.freeze());
  }

  @Override
  public void reset() {
    durations.reset();
    statuses.reset();
    count = 0;
    serverErrors = 0;
    clientErrors = 0;
    sumNanos = 0;
    minNanos = Long.MAX_VALUE;
    maxNanos = 0;
    queryCount = 0;
    queryNanos = 0;
    nPlusOne = 0;
  }
}
