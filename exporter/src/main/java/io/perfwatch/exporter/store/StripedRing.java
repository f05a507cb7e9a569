package io.perfwatch.exporter.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToLongFunction;

/**
 * The most recent {@code capacity} items of a hot path that many threads write (requests, statements). One
 * {@link RingBuffer} per stripe; a thread writes to its {@link StripeHint} stripe, the hint {@link TimeSeries} moves
 * on contention, so two request threads usually share neither a sequence counter nor neighbouring slots: with one
 * shared ring, that counter and the slots next to each other were the largest cost of a request recorded by two
 * threads at once. Sharing a stripe stays correct, only slower.
 *
 * <p>A stripe is created by its first write, so an app whose requests never contend has one, which keeps the
 * whole {@code capacity}. The stripes in use share the capacity: each keeps the newest {@code capacity / n} of its
 * own items (rounded up), about {@code capacity} items in all, and readers merge them by timestamp. So one writing
 * thread keeps the newest {@code capacity}; threads spread over n stripes keep the newest share of each stripe.
 */
final class StripedRing<T> {
  static final int MAX_STRIPES = 4;

  private final AtomicReferenceArray<RingBuffer<T>> stripes;
  private final int capacity;
  private final Comparator<T> byTimestamp;

  StripedRing(int capacity, ToLongFunction<T> timestamp) {
    this(capacity, timestamp,
        Math.min(MAX_STRIPES, TimeSeries.stripeCount(Runtime.getRuntime().availableProcessors())));
  }

  StripedRing(int capacity, ToLongFunction<T> timestamp, int stripeCount) {
    if (Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripe count must be a power of two: " + stripeCount);
    }
    this.capacity = capacity;
    this.byTimestamp = Comparator.comparingLong(timestamp);
    this.stripes = new AtomicReferenceArray<>(stripeCount);
  }

  int stripes() {
    return stripes.length();
  }

  void add(T item, StripeHint hint) {
    int index = hint.stripe(stripes.length());
    RingBuffer<T> stripe = stripes.get(index);
    if (stripe == null) {
      stripe = create(index);
    }
    stripe.add(item);
  }

  /**
   * Creates a stripe and lowers every stripe's share to {@code capacity / n}. Synchronized: the shares only go down.
   * A stripe created as the n-th never holds more than its share, so it gets no more slots than that.
   */
  private synchronized RingBuffer<T> create(int index) {
    RingBuffer<T> existing = stripes.get(index);
    if (existing != null) {
      return existing;
    }
    int inUse = 1;
    for (int i = 0; i < stripes.length(); i++) {
      inUse += stripes.get(i) == null ? 0 : 1;
    }
    int share = (capacity + inUse - 1) / inUse;
    for (int i = 0; i < stripes.length(); i++) {
      RingBuffer<T> stripe = stripes.get(i);
      if (stripe != null) {
        stripe.keep(share);
      }
    }
    RingBuffer<T> created = new RingBuffer<>(share);
    stripes.set(index, created);
    return created;
  }

  /**
   * The newest {@code capacity} items over all stripes, oldest first by timestamp, immutable. The sort is stable, so
   * items of one stripe with equal timestamps keep their order (a thread that moved stripes within one millisecond
   * may see its items of that millisecond in stripe order).
   */
  List<T> snapshot() {
    List<T> all = new ArrayList<>();
    for (int i = 0; i < stripes.length(); i++) {
      RingBuffer<T> stripe = stripes.get(i);
      if (stripe != null) {
        all.addAll(stripe.snapshot());
      }
    }
    all.sort(byTimestamp);
    return List.copyOf(all.subList(Math.max(0, all.size() - capacity), all.size()));
  }
}
