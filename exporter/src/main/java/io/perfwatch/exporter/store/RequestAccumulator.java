package io.perfwatch.exporter.store;

import com.datadoghq.sketch.ddsketch.DDSketch;

/** The current minute of one endpoint in one stripe. */
final class RequestAccumulator implements Accumulator<RequestRollup> {
  private final DDSketch durations = DurationSketch.newLiveSketch();
  private final StatusCounts.Tally statuses = new StatusCounts.Tally();
  private long count;
  private long serverErrors;
  private long clientErrors;
  private long sumNanos;
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
    maxNanos = Math.max(maxNanos, nanos);
    queryCount += request.queryCount();
    queryNanos += request.queryNanos();
    durations.accept(nanos / 1e6);
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
    maxNanos = Math.max(maxNanos, aggregate.maxNanos());
    queryCount += aggregate.queryCount();
    AggregateSketch.add(durations, aggregate.buckets(), n, aggregate.sumNanos(), aggregate.maxNanos());
  }

  @Override
  public boolean isEmpty() {
    return count == 0 && nPlusOne == 0 && queryCount == 0;
  }

  @Override
  public RequestRollup snapshot() {
    return new RequestRollup(count, serverErrors, clientErrors, statuses.freeze(), sumNanos, maxNanos, queryCount,
        queryNanos, nPlusOne, DurationSketch.freeze(durations));
  }

  @Override
  public void reset() {
    durations.clear();
    statuses.reset();
    count = 0;
    serverErrors = 0;
    clientErrors = 0;
    sumNanos = 0;
    maxNanos = 0;
    queryCount = 0;
    queryNanos = 0;
    nPlusOne = 0;
  }
}
