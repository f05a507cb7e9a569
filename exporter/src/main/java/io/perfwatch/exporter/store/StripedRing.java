package io.perfwatch.exporter.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The most recent {@code capacity} items of a hot path that many threads write (requests, statements). One
 * {@link RingBuffer} per stripe, the thread's {@link StripeHint} stripe as in {@link TimeSeries}, so two request threads
 * share neither a sequence counter nor neighbouring slots: with one shared ring, that counter and the slots next to
 * each other were the largest cost of a request recorded by two threads at once.
 *
 * <p>Each stripe holds up to {@code capacity} items, so one thread alone still sees the newest {@code capacity};
 * readers merge the stripes by timestamp and keep the newest {@code capacity}. The price is memory: up to
 * {@link #stripes()} &times; {@code capacity} items are retained (the stripe count is at most {@value #MAX_STRIPES}),
 * while reads never return more than {@code capacity}.
 */
final class StripedRing<T> {
  static final int MAX_STRIPES = 4;

  private final RingBuffer<T>[] stripes;
  private final int capacity;
  private final Comparator<T> byTimestamp;

  StripedRing(int capacity, ToLongFunction<T> timestamp) {
    this(capacity, timestamp, Math.min(MAX_STRIPES, TimeSeries.stripeCount(Runtime.getRuntime().availableProcessors())));
  }

  @SuppressWarnings("unchecked")
  StripedRing(int capacity, ToLongFunction<T> timestamp, int stripeCount) {
    if (Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripe count must be a power of two: " + stripeCount);
    }
    this.capacity = capacity;
    this.byTimestamp = Comparator.comparingLong(timestamp);
    this.stripes = (RingBuffer<T>[]) new RingBuffer<?>[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new RingBuffer<>(capacity);
    }
  }

  int stripes() {
    return stripes.length;
  }

  void add(T item) {
    add(item, StripeHint.current());
  }

  void add(T item, StripeHint hint) {
    stripes[hint.stripe(stripes.length)].add(item);
  }

  /** The newest {@code capacity} items over all stripes, oldest first by timestamp (stable), immutable. */
  List<T> snapshot() {
    List<T> all = new ArrayList<>();
    for (RingBuffer<T> stripe : stripes) {
      all.addAll(stripe.snapshot());
    }
    all.sort(byTimestamp); // stable: one thread's items keep their order
    return List.copyOf(all.subList(Math.max(0, all.size() - capacity), all.size()));
  }
}
