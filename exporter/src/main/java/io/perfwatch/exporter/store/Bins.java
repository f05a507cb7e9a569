package io.perfwatch.exporter.store;

import java.util.Arrays;
import java.util.List;

/**
 * Immutable duration histogram over log-linear bins: each power of two of nanoseconds is split into
 * {@code 2^subBits} equal bins (values below {@code 2^(subBits+1)} ns get a bin each). A bin's width is at most
 * {@code 1/2^subBits} of its lower bound, so its midpoint is within {@code 1/2^(subBits+1)} of any value in it:
 * {@link #FINE} (64 bins per power of two) within 0.79 %, {@link #COARSE} (8) within 6.25 %. A fine bin lies inside
 * one coarse bin, so histograms of both resolutions merge exactly at the coarser one.
 *
 * <p><b>Quantiles</b> are nearest rank: the value of rank {@code ceil(q * count)} (at least 1) in ascending order,
 * answered as the midpoint of the bin holding that rank and clamped to the observed [min, max] (the last rank as
 * the maximum itself). So the answer is
 * within the resolution's relative error of the exact nearest-rank value, and p50 &le; p95 &le; p99 &le; max.
 */
final class Bins {
  static final int FINE = 6;
  static final int COARSE = 3;
  static final Bins EMPTY = new Bins(FINE, new int[0], new long[0]);
  /** Bins a histogram of {@link #FINE} resolution can have: 63-bit values, 64 per power of two. */
  static final int MAX_INDEX = index(Long.MAX_VALUE, FINE);

  private final int subBits;
  private final int[] indexes;
  private final long[] counts;

  Bins(int subBits, int[] indexes, long[] counts) {
    this.subBits = subBits;
    this.indexes = indexes;
    this.counts = counts;
  }

  /** The bin of {@code nanos} (at least 0). */
  static int index(long nanos, int subBits) {
    int sub = 1 << subBits;
    if (nanos < 2L * sub) {
      return (int) nanos;
    }
    int shift = 63 - Long.numberOfLeadingZeros(nanos) - subBits;
    return ((shift + 1) << subBits) + (int) (nanos >>> shift) - sub;
  }

  /** The smallest value of bin {@code index}. */
  static long lowest(int index, int subBits) {
    int sub = 1 << subBits;
    if (index < 2 * sub) {
      return index;
    }
    int shift = (index >>> subBits) - 1;
    return (long) (sub + (index & (sub - 1))) << shift;
  }

  /** The middle of bin {@code index}: the value its members are reported as. */
  static double middle(int index, int subBits) {
    int sub = 1 << subBits;
    if (index < 2 * sub) {
      return index;
    }
    long width = 1L << ((index >>> subBits) - 1);
    return lowest(index, subBits) + (width - 1) / 2.0;
  }

  int subBits() {
    return subBits;
  }

  /** The bin indexes, ascending: the array itself, for {@link BinsCodec}; not to be modified. */
  int[] indexes() {
    return indexes;
  }

  /** The counts, parallel to {@link #indexes()}: the array itself; not to be modified. */
  long[] counts() {
    return counts;
  }

  boolean isEmpty() {
    return indexes.length == 0;
  }

  /** The same values at the coarser resolution {@code coarserBits} (no change if already at or below it). */
  Bins coarsen(int coarserBits) {
    if (coarserBits >= subBits || isEmpty()) {
      return this;
    }
    int[] to = new int[indexes.length];
    long[] c = new long[indexes.length];
    int n = -1;
    for (int k = 0; k < indexes.length; k++) {
      int coarse = index(lowest(indexes[k], subBits), coarserBits);
      if (n >= 0 && to[n] == coarse) {
        c[n] += counts[k];
      } else {
        to[++n] = coarse;
        c[n] = counts[k];
      }
    }
    return new Bins(coarserBits, Arrays.copyOf(to, n + 1), Arrays.copyOf(c, n + 1));
  }

  Bins merge(Bins other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    int bits = Math.min(subBits, other.subBits);
    Bins a = coarsen(bits);
    Bins b = other.coarsen(bits);
    int[] mergedIndexes = new int[a.indexes.length + b.indexes.length];
    long[] mergedCounts = new long[mergedIndexes.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.indexes.length || j < b.indexes.length) {
      boolean takeA = j == b.indexes.length || (i < a.indexes.length && a.indexes[i] <= b.indexes[j]);
      boolean takeB = i == a.indexes.length || (j < b.indexes.length && b.indexes[j] <= a.indexes[i]);
      mergedIndexes[n] = takeA ? a.indexes[i] : b.indexes[j];
      mergedCounts[n++] = (takeA ? a.counts[i++] : 0) + (takeB ? b.counts[j++] : 0);
    }
    return new Bins(bits, Arrays.copyOf(mergedIndexes, n), Arrays.copyOf(mergedCounts, n));
  }

  /** All of {@code bins} merged at the coarsest resolution among them, counted densely over their index range. */
  static Bins mergeAll(List<Bins> bins) {
    int bits = FINE;
    int nonEmpty = 0;
    for (Bins b : bins) {
      if (!b.isEmpty()) {
        bits = Math.min(bits, b.subBits);
        nonEmpty++;
      }
    }
    if (nonEmpty <= 2) {
      Bins merged = EMPTY;
      for (Bins b : bins) {
        merged = b.isEmpty() ? merged : merged.merge(b);
      }
      return merged.coarsen(bits);
    }
    int min = Integer.MAX_VALUE;
    int max = -1;
    for (Bins b : bins) { // coarsening keeps the order, so the ends map to the ends
      if (!b.isEmpty()) {
        min = Math.min(min, b.indexAt(0, bits));
        max = Math.max(max, b.indexAt(b.indexes.length - 1, bits));
      }
    }
    long[] dense = new long[max - min + 1];
    for (Bins b : bins) {
      for (int k = 0; k < b.indexes.length; k++) {
        dense[b.indexAt(k, bits) - min] += b.counts[k];
      }
    }
    int n = 0;
    for (long c : dense) {
      n += c != 0 ? 1 : 0;
    }
    int[] indexes = new int[n];
    long[] counts = new long[n];
    for (int i = 0, k = 0; i < dense.length; i++) {
      if (dense[i] != 0) {
        indexes[k] = min + i;
        counts[k++] = dense[i];
      }
    }
    return new Bins(bits, indexes, counts);
  }

  /** Bin {@code k}'s index at the resolution {@code atBits}, at most this one's. */
  private int indexAt(int k, int atBits) {
    return atBits == subBits ? indexes[k] : index(lowest(indexes[k], subBits), atBits);
  }

  /** {@code ceil(q * count)}, at least 1; the tolerance keeps 0.07 * 100 (7.000000000000001 in binary) at 7. */
  static long rank(double quantile, long count) {
    return Math.max(1, (long) Math.ceil(quantile * count - 1e-9));
  }

  /**
   * Nearest-rank quantiles in milliseconds, clamped to [minNanos, maxNanos]; all 0 when empty. {@code quantiles}
   * must ascend.
   */
  double[] quantilesMs(long minNanos, long maxNanos, double... quantiles) {
    double[] values = new double[quantiles.length];
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return values;
    }
    int k = 0;
    long seen = counts[0];
    for (int q = 0; q < quantiles.length; q++) {
      long rank = rank(quantiles[q], total);
      while (seen < rank && k + 1 < indexes.length) {
        seen += counts[++k];
      }
      // the last rank is the maximum itself, known exactly
      double nanos = rank >= total ? maxNanos : Math.min(Math.max(middle(indexes[k], subBits), minNanos), maxNanos);
      values[q] = nanos / 1e6;
    }
    return values;
  }
}
