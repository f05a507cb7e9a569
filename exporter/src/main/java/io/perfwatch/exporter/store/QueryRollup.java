package io.perfwatch.exporter.store;

import java.util.Objects;

/**
 * What one SQL fingerprint did during one minute or hour. Operation and table come from the fingerprint's
 * statements, which all share them (except in the {@code OTHER} overflow fingerprint, see {@link #toStats}).
 */
record QueryRollup(
    String operation, String table, long count, long errors, long sumNanos, long maxNanos, DurationSketch durations)
    implements Rollup<QueryRollup> {

  QueryRollup {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(durations, "durations");
  }

  @Override
  public QueryRollup merge(QueryRollup other) {
    return new QueryRollup(operation, table, count + other.count, errors + other.errors, sumNanos + other.sumNanos,
        Math.max(maxNanos, other.maxNanos), durations.merge(other.durations));
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
        durations.quantilesMs(0.95)[0],
        maxNanos / 1e6,
        sumNanos / 1e6);
  }
}
