package io.perfwatch.exporter.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The most recent {@code capacity} items of a hot path that many threads write (requests, statements). One
 * {@link RingBuffer} per stripe; a thread writes to its {@link StripeHint} stripe, the hint {@link TimeSeries} moves
 * on contention, so two request threads usually share neither a sequence counter nor neighbouring slots: with one
 * shared ring, that counter and the slots next to each other were the largest cost of a request recorded by two
 * threads at once. Sharing a stripe stays correct, only slower.
 *
 * <p>The stripes share the capacity: each holds {@code capacity / stripes} (rounded up) items, so the ring retains
 * about {@code capacity} items whatever the stripe count, and readers merge the stripes by timestamp. A server's
 * request threads spread over the stripes, so a read returns the newest {@code capacity} or nearly; a single writing
 * thread keeps only its stripe's share, the newest {@code capacity / stripes}. (Each stripe holding the full
 * capacity multiplied the largest part of the store's heap by the stripe count.)
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
      stripes[i] = new RingBuffer<>((capacity + stripeCount - 1) / stripeCount);
    }
  }

  int stripes() {
    return stripes.length;
  }

  void add(T item, StripeHint hint) {
    stripes[hint.stripe(stripes.length)].add(item);
  }

  /**
   * The newest {@code capacity} items over all stripes, oldest first by timestamp, immutable. The sort is stable, so
   * items of one stripe with equal timestamps keep their order (a thread that moved stripes within one millisecond
   * may see its items of that millisecond in stripe order).
   */
  List<T> snapshot() {
    List<T> all = new ArrayList<>();
    for (RingBuffer<T> stripe : stripes) {
      all.addAll(stripe.snapshot());
    }
    all.sort(byTimestamp);
    return List.copyOf(all.subList(Math.max(0, all.size() - capacity), all.size()));
  }
}
