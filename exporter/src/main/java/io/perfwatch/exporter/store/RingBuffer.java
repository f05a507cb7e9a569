package io.perfwatch.exporter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToLongFunction;

/**
 * The most recent {@code capacity} items, lock-free: a writer claims a sequence number and publishes the item with
 * that number next to it (seqlock style), so a reader keeps only slots whose number it expected and never returns an
 * item from the previous lap or a half-written slot. Items being written while a snapshot is taken may be missing
 * from it. The number is kept as twice the sequence in an int (4 bytes a slot, not 8): the odd value
 * {@link #WRITING} marks a slot being written, and two sequences of one slot look alike only 2^31 writes apart,
 * far more than a snapshot's scan sees go by.
 *
 * <p>A ring can be told to {@link #keep} fewer than its capacity (a {@link StripedRing} shares its retention among
 * the stripes in use): writers then clear the slots that fall behind, so older items are not held in memory.
 */
final class RingBuffer<T> {
  private final int capacity;
  private final AtomicReferenceArray<T> items;
  private static final int WRITING = 1;

  private final AtomicIntegerArray sequences;
  private final AtomicLong next = new AtomicLong();
  private volatile int keep;
  /** Sequences below this are cleared (or were never written); writers advance it, racing harmlessly. */
  private final AtomicLong clearedBelow = new AtomicLong();

  RingBuffer(int capacity) {
    this.capacity = capacity;
    this.keep = capacity;
    this.items = new AtomicReferenceArray<>(capacity);
    this.sequences = new AtomicIntegerArray(capacity);
    for (int i = 0; i < capacity; i++) {
      sequences.set(i, WRITING);
    }
  }

  int capacity() {
    return capacity;
  }

  /** Holds only the newest {@code count} items (at most the capacity, never more than before) from now on. */
  void keep(int count) {
    keep = Math.min(keep, Math.max(1, count));
  }

  void add(T item) {
    long sequence = next.getAndIncrement();
    int slot = (int) (sequence % capacity);
    // Release stores keep this order visible to readers without the full fences of volatile stores.
    sequences.setRelease(slot, WRITING);
    items.setRelease(slot, item);
    sequences.setRelease(slot, stamp(sequence));
    int kept = keep;
    if (kept < capacity) {
      clearBelow(sequence + 1 - kept);
    }
  }

  /**
   * Drops the items of sequences below {@code end}. A slot is emptied only while it still holds that sequence's
   * item: the compare-and-set fails if a writer of a later lap has put its item there in the meantime.
   */
  private void clearBelow(long end) {
    long from = Math.max(clearedBelow.getPlain(), end - capacity);
    for (long sequence = from; sequence < end; sequence++) {
      int slot = (int) (sequence % capacity);
      T item = items.get(slot);
      if (item != null && sequences.get(slot) == stamp(sequence)) {
        items.compareAndSet(slot, item, null);
      }
    }
    if (end > from) {
      clearedBelow.setRelease(end);
    }
  }

  /** Twice the sequence, truncated: always even, so never {@link #WRITING}. */
  private static int stamp(long sequence) {
    return (int) (sequence << 1);
  }

  /** Oldest first, immutable. */
  List<T> snapshot() {
    return between(Long.MIN_VALUE, Long.MAX_VALUE, item -> 0L);
  }

  /** Items whose timestamp lies in [fromMillis, toMillis], oldest first, immutable. */
  List<T> between(long fromMillis, long toMillis, ToLongFunction<T> timestamp) {
    long end = next.get();
    long start = Math.max(0, end - keep);
    List<T> result = new ArrayList<>((int) (end - start));
    for (long sequence = start; sequence < end; sequence++) {
      int slot = (int) (sequence % capacity);
      int before = sequences.get(slot);
      T item = items.get(slot);
      int after = sequences.get(slot);
      if (before == stamp(sequence) && after == before && item != null) {
        long at = timestamp.applyAsLong(item);
        if (at >= fromMillis && at <= toMillis) {
          result.add(item);
        }
      }
    }
    return List.copyOf(result);
  }
}
