package io.perfwatch.exporter.store;

import java.util.Objects;

/**
 * What one SQL fingerprint did during one minute or hour. Operation and table come from the fingerprint's
 * statements, which all share them (except in the {@code OTHER} overflow fingerprint, see {@link #toStats}).
 *
 * @param minNanos the shortest duration, or (for pre-aggregated statements) a lower bound of it
 */
record QueryRollup(
    String operation,
    String table,
    long count,
    long errors,
    long sumNanos,
    long minNanos,
    long maxNanos,
    Bins durations) implements Rollup<QueryRollup> {

  QueryRollup {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(durations, "durations");
  }

  @Override
  public QueryRollup merge(QueryRollup other) {
    return new QueryRollup(operation, table, count + other.count, errors + other.errors, sumNanos + other.sumNanos,
        Math.min(minNanos, other.minNanos), Math.max(maxNanos, other.maxNanos), durations.merge(other.durations));
  }

  QueryStats toStats(String fingerprint) {
    boolean overflow = BoundedTable.OTHER.equals(fingerprint);
    return new QueryStats(
        fingerprint,
        overflow ? BoundedTable.OTHER : operation,
        overflow ? "unknown" : table,
        count,
        errors,
        RequestRollup.average(sumNanos, count) / 1e6,
        durations.quantilesMs(minNanos, maxNanos, 0.95)[0],
        maxNanos / 1e6,
        sumNanos / 1e6);
  }

  /**
   * The codec of one fingerprint's history. Operation and table are the fingerprint's, the same in every rollup, so
   * they are kept once here (the latest written) rather than in every entry.
   */
  static final class Codec implements RollupCodec<QueryRollup> {
    private String operation = "OTHER";
    private String table = "unknown";

    @Override
    public void write(QueryRollup r, int subBits, Bytes.Writer out) {
      operation = r.operation;
      table = r.table;
      out.varLong(r.count).varLong(r.errors).varLong(r.sumNanos).varLong(r.count == 0 ? 0 : r.minNanos)
          .varLong(r.maxNanos);
      BinsCodec.write(r.durations, subBits, out);
    }

    @Override
    public QueryRollup read(Bytes.Reader in) {
      long count = in.varLong();
      long errors = in.varLong();
      long sum = in.varLong();
      long min = in.varLong();
      return new QueryRollup(operation, table, count, errors, sum, count == 0 ? Long.MAX_VALUE : min, in.varLong(),
          BinsCodec.read(in));
    }
  }
}
