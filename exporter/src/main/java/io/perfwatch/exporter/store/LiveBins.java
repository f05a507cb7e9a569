package io.perfwatch.exporter.store;

import java.util.Arrays;

/**
 * The {@link Bins#FINE} histogram of one accumulator's current minute: only the bins seen, as a sorted array of
 * 2-byte bin indexes and one of 4-byte counts (6 bytes per bin). A minute of a few requests costs a few dozen bytes
 * where a dense sketch costs kilobytes, and there is one per key and stripe in use. A value in a bin already seen
 * (most of them, once a minute is under way) costs a binary search; a new bin shifts the tail. Not thread-safe.
 */
final class LiveBins {
  private static final int INITIAL = 4;
  /** Arrays larger than this are dropped at {@link #reset}, so a busy minute does not keep its size when idle. */
  private static final int KEEP = 32;

  private char[] indexes = new char[INITIAL];
  private int[] counts = new int[INITIAL];
  private int size;

  void add(long nanos) {
    add(nanos, 1);
  }

  /** Adds {@code n} values; a bin's count saturates at {@link Integer#MAX_VALUE} in one minute of one stripe. */
  void add(long nanos, long n) {
    char index = (char) Bins.index(nanos, Bins.FINE);
    int k = Arrays.binarySearch(indexes, 0, size, index);
    if (k >= 0) {
      counts[k] = (int) Math.min(Integer.MAX_VALUE, counts[k] + n);
      return;
    }
    k = -k - 1;
    if (size == indexes.length) {
      int grown = size + (size >> 1) + 1;
      indexes = Arrays.copyOf(indexes, grown);
      counts = Arrays.copyOf(counts, grown);
    }
    System.arraycopy(indexes, k, indexes, k + 1, size - k);
    System.arraycopy(counts, k, counts, k + 1, size - k);
    indexes[k] = index;
    counts[k] = (int) Math.min(Integer.MAX_VALUE, n);
    size++;
  }

  boolean isEmpty() {
    return size == 0;
  }

  Bins freeze() {
    int[] frozenIndexes = new int[size];
    long[] frozenCounts = new long[size];
    for (int k = 0; k < size; k++) {
      frozenIndexes[k] = indexes[k];
      frozenCounts[k] = counts[k];
    }
    return new Bins(Bins.FINE, frozenIndexes, frozenCounts);
  }

  void reset() {
    size = 0;
    if (indexes.length > KEEP) {
      indexes = new char[INITIAL];
      counts = new int[INITIAL];
    }
  }
}
