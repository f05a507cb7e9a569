package io.perfwatch.exporter.store;

/**
 * The mutable aggregate of one stripe for its current minute. Not thread-safe: its {@link TimeSeries} stripe lock
 * guards it. It is reset and reused when the minute closes, so the hot path allocates nothing.
 */
interface Accumulator<R extends Rollup<R>> {
  boolean isEmpty();

  R snapshot();

  void reset();
}
