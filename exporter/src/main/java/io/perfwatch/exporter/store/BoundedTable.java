package io.perfwatch.exporter.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Time series by a two-part key (method and route; or "" and a fingerprint or tenant), at most {@code cap} keys.
 * Beyond the cap a key folds into secondary {@link #OTHER}; its primary part is kept only if {@code overflowPrimary}
 * says so, which bounds the overflow keys too. Two nested maps instead of a composite key keep the hot-path lookup
 * free of allocation.
 */
final class BoundedTable<A extends Accumulator<R>, R extends Rollup<R>> {
  static final String OTHER = "OTHER";

  /** Receives every key with its series. */
  interface Visitor<A extends Accumulator<R>, R extends Rollup<R>> {
    void visit(String primary, String secondary, TimeSeries<A, R> series);
  }

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, TimeSeries<A, R>>> byPrimary =
      new ConcurrentHashMap<>();
  private final AtomicInteger admitted = new AtomicInteger();
  private final int cap;
  private final UnaryOperator<String> overflowPrimary;
  private final Supplier<TimeSeries<A, R>> newSeries;

  BoundedTable(int cap, UnaryOperator<String> overflowPrimary, Supplier<TimeSeries<A, R>> newSeries) {
    this.cap = cap;
    this.overflowPrimary = overflowPrimary;
    this.newSeries = newSeries;
  }

  /**
   * Records into the key's series. A series retired by a concurrent {@link #expire} refuses the item, and the
   * expiring thread removes it right after, so the loop spins at most that long and then creates a fresh series.
   */
  <T> void record(String primary, String secondary, long minute, T item, BiConsumer<A, T> adder) {
    record(primary, secondary, minute, item, adder, StripeHint.current());
  }

  <T> void record(String primary, String secondary, long minute, T item, BiConsumer<A, T> adder, StripeHint hint) {
    while (!series(primary, secondary).record(minute, item, adder, hint)) {
      Thread.onSpinWait();
    }
  }

  /** The key's series if it is tracked; a key beyond the cap is not, its data went to {@code OTHER}. */
  @Nullable TimeSeries<A, R> find(String primary, String secondary) {
    ConcurrentHashMap<String, TimeSeries<A, R>> inner = byPrimary.get(primary);
    return inner == null ? null : inner.get(secondary);
  }

  private TimeSeries<A, R> series(String primary, String secondary) {
    TimeSeries<A, R> series = find(primary, secondary);
    return series != null ? series : admit(primary, secondary);
  }

  private void forget(String primary, String secondary, TimeSeries<A, R> retired) {
    ConcurrentHashMap<String, TimeSeries<A, R>> inner = byPrimary.get(primary);
    if (inner != null && inner.remove(secondary, retired) && !OTHER.equals(secondary)) {
      admitted.decrementAndGet();
    }
  }

  /** Expires old data in every series and evicts the keys left without any. */
  void expire(long nowMillis) {
    forEach((primary, secondary, series) -> {
      series.expire(nowMillis);
      if (series.retireIfEmpty()) {
        forget(primary, secondary, series);
      }
    });
  }

  void forEach(Visitor<A, R> visitor) {
    for (Map.Entry<String, ConcurrentHashMap<String, TimeSeries<A, R>>> outer : byPrimary.entrySet()) {
      for (Map.Entry<String, TimeSeries<A, R>> inner : outer.getValue().entrySet()) {
        visitor.visit(outer.getKey(), inner.getKey(), inner.getValue());
      }
    }
  }

  int size() {
    return byPrimary.values().stream().mapToInt(Map::size).sum();
  }

  private TimeSeries<A, R> admit(String primary, String secondary) {
    if (OTHER.equals(secondary)) {
      return overflow(primary);
    }
    if (admitted.incrementAndGet() > cap) {
      admitted.decrementAndGet();
      return overflow(primary);
    }
    boolean[] created = new boolean[1];
    TimeSeries<A, R> series = inner(primary).computeIfAbsent(secondary, k -> {
      created[0] = true;
      return newSeries.get();
    });
    if (!created[0]) { // another thread admitted the same key first
      admitted.decrementAndGet();
    }
    return series;
  }

  private TimeSeries<A, R> overflow(String primary) {
    return inner(overflowPrimary.apply(primary)).computeIfAbsent(OTHER, k -> newSeries.get());
  }

  private ConcurrentHashMap<String, TimeSeries<A, R>> inner(String primary) {
    return byPrimary.computeIfAbsent(primary, k -> new ConcurrentHashMap<>());
  }
}
