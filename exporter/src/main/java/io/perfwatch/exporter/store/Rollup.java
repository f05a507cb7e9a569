package io.perfwatch.exporter.store;

/** An immutable aggregate over a minute or an hour that merges with another of its kind without losing anything. */
interface Rollup<R extends Rollup<R>> {
  R merge(R other);
}
