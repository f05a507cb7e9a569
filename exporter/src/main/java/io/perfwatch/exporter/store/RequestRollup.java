package io.perfwatch.exporter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one endpoint did during one minute or hour.
 *
 * @param minNanos the shortest duration, or (for pre-aggregated requests) a lower bound of it; only clamps percentiles
 * @param queryCount statements run by these requests, for average queries per request
 * @param queryNanos time spent in those statements
 * @param nPlusOne N+1 findings reported for the endpoint
 */
record RequestRollup(
    long count,
    long serverErrors,
    long clientErrors,
    StatusCounts statuses,
    long sumNanos,
    long minNanos,
    long maxNanos,
    long queryCount,
    long queryNanos,
    long nPlusOne,
    Bins durations) implements Rollup<RequestRollup> {

  static final RequestRollup EMPTY =
      new RequestRollup(0, 0, 0, StatusCounts.EMPTY, 0, Long.MAX_VALUE, 0, 0, 0, 0, Bins.EMPTY);

  /** Encodes a rollup as a {@link BlobLog} entry. */
  static final RollupCodec<RequestRollup> CODEC = new RollupCodec<>() {
    @Override
    public void write(RequestRollup r, int subBits, Bytes.Writer out) {
      out.varLong(r.count).varLong(r.serverErrors).varLong(r.clientErrors);
      r.statuses.write(out);
      out.varLong(r.sumNanos).varLong(r.count == 0 ? 0 : r.minNanos).varLong(r.maxNanos).varLong(r.queryCount)
          .varLong(r.queryNanos).varLong(r.nPlusOne);
      BinsCodec.write(r.durations, subBits, out);
    }

    @Override
    public RequestRollup read(Bytes.Reader in) {
      long count = in.varLong();
      long serverErrors = in.varLong();
      long clientErrors = in.varLong();
      StatusCounts statuses = StatusCounts.read(in);
      long sum = in.varLong();
      long min = in.varLong();
      return new RequestRollup(count, serverErrors, clientErrors, statuses, sum, count == 0 ? Long.MAX_VALUE : min,
          in.varLong(), in.varLong(), in.varLong(), in.varLong(), BinsCodec.read(in));
    }
  };

  RequestRollup {
    Objects.requireNonNull(statuses, "statuses");
    Objects.requireNonNull(durations, "durations");
  }

  @Override
  public RequestRollup merge(RequestRollup other) {
    return new RequestRollup(
        count + other.count,
        serverErrors + other.serverErrors,
        clientErrors + other.clientErrors,
        statuses.merge(other.statuses),
        sumNanos + other.sumNanos,
        Math.min(minNanos, other.minNanos),
        Math.max(maxNanos, other.maxNanos),
        queryCount + other.queryCount,
        queryNanos + other.queryNanos,
        nPlusOne + other.nPlusOne,
        durations.merge(other.durations));
  }

  /** All of {@code rollups} merged, as folding {@link #merge} over them, with one merge of all their bins. */
  static RequestRollup mergeAll(List<RequestRollup> rollups) {
    long count = 0;
    long serverErrors = 0;
    long clientErrors = 0;
    StatusCounts statuses = StatusCounts.EMPTY;
    long sumNanos = 0;
    long minNanos = Long.MAX_VALUE;
    long maxNanos = 0;
    long queryCount = 0;
    long queryNanos = 0;
    long nPlusOne = 0;
    List<Bins> durations = new ArrayList<>(rollups.size());
    for (RequestRollup r : rollups) {
      count += r.count;
      serverErrors += r.serverErrors;
      clientErrors += r.clientErrors;
      statuses = statuses.merge(r.statuses);
      sumNanos += r.sumNanos;
      minNanos = Math.min(minNanos, r.minNanos);
      maxNanos = Math.max(maxNanos, r.maxNanos);
      queryCount += r.queryCount;
      queryNanos += r.queryNanos;
      nPlusOne += r.nPlusOne;
      durations.add(r.durations);
    }
    return new RequestRollup(count, serverErrors, clientErrors, statuses, sumNanos, minNanos, maxNanos, queryCount,
        queryNanos, nPlusOne, Bins.mergeAll(durations));
  }

  EndpointStats toStats(String method, String route) {
    double[] quantiles = durations.quantilesMs(minNanos, maxNanos, 0.50, 0.95, 0.99);
    return new EndpointStats(
        method,
        route,
        count,
        serverErrors,
        clientErrors,
        percent(serverErrors, count),
        statuses.toMap(),
        average(sumNanos, count) / 1e6,
        quantiles[0],
        quantiles[1],
        quantiles[2],
        maxNanos / 1e6,
        average(queryCount, count),
        average(queryNanos, count) / 1e6,
        nPlusOne);
  }

  SeriesPoint toPoint(long startMillis) {
    return new SeriesPoint(startMillis, count, average(sumNanos, count) / 1e6,
        durations.quantilesMs(minNanos, maxNanos, 0.95)[0], serverErrors);
  }

  static double average(long sum, long count) {
    return count == 0 ? 0.0 : (double) sum / count;
  }

  static double percent(long part, long count) {
    return count == 0 ? 0.0 : 100.0 * part / count;
  }
}
