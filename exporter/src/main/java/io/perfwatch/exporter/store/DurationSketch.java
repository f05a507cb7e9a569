package io.perfwatch.exporter.store;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import java.util.Arrays;
import java.util.List;

/**
 * Frozen DDSketch of durations in milliseconds: only the non-empty bins, as two parallel arrays sorted by bin index.
 * A live {@link DDSketch} keeps a dense array spanning its lowest to highest bin (about 3 KB for 1..1000 ms), which
 * is fine for the few live accumulators but not for thousands of retained rollups, most of which hold a handful of
 * values. Every sketch uses the same {@link #MAPPING}, so merging is a sorted merge of bin indexes and loses nothing.
 *
 * <p>Quantiles have a relative error of at most {@value #RELATIVE_ACCURACY} (1%): the returned value {@code v}
 * satisfies {@code |v - x| <= 0.01 * x} where {@code x} is the exact value of rank {@code floor(q * (count - 1))}.
 * Durations between 1 ns and 10^6 ms span under 1,400 bins, so a frozen sketch never exceeds about 17 KB.
 */
final class DurationSketch {
  static final double RELATIVE_ACCURACY = 0.01;
  /** Bins of a live sketch; the lowest collapse beyond this, far below any real duration at 1% accuracy. */
  static final int MAX_LIVE_BINS = 2048;
  static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);
  /** Widest index range {@link #mergeAll} counts densely (1 ns to 10^6 ms spans under 1,400). */
  private static final int MAX_DENSE_MERGE_BINS = 1 << 14;
  static final DurationSketch EMPTY = new DurationSketch(new int[0], new long[0], 0);

  private final int[] indexes;
  private final long[] counts;
  private final long zeroCount;

  private DurationSketch(int[] indexes, long[] counts, long zeroCount) {
    this.indexes = indexes;
    this.counts = counts;
    this.zeroCount = zeroCount;
  }

  /** A live sketch for an accumulator; {@link DDSketch#clear()} reuses its bins, so a stripe allocates it once. */
  static DDSketch newLiveSketch() {
    return DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_LIVE_BINS);
  }

  static DurationSketch freeze(DDSketch live) {
    if (live.isEmpty()) {
      return EMPTY;
    }
    int[] bins = new int[1];
    live.getPositiveValueStore().forEach((index, count) -> bins[0]++);
    int[] indexes = new int[bins[0]];
    long[] counts = new long[bins[0]];
    int[] next = new int[1];
    live.getPositiveValueStore().forEach((index, count) -> {
      indexes[next[0]] = index;
      counts[next[0]++] = Math.round(count);
    });
    long positives = Arrays.stream(counts).sum();
    return new DurationSketch(indexes, counts, Math.round(live.getCount()) - positives);
  }

  DurationSketch merge(DurationSketch other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    int[] mergedIndexes = new int[indexes.length + other.indexes.length];
    long[] mergedCounts = new long[mergedIndexes.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < indexes.length || j < other.indexes.length) {
      boolean takeMine = j == other.indexes.length || (i < indexes.length && indexes[i] <= other.indexes[j]);
      boolean takeOther = i == indexes.length || (j < other.indexes.length && other.indexes[j] <= indexes[i]);
      mergedIndexes[n] = takeMine ? indexes[i] : other.indexes[j];
      mergedCounts[n++] = (takeMine ? counts[i++] : 0) + (takeOther ? other.counts[j++] : 0);
    }
    return new DurationSketch(
        Arrays.copyOf(mergedIndexes, n), Arrays.copyOf(mergedCounts, n), zeroCount + other.zeroCount);
  }

  /**
   * All of {@code sketches} merged: what folding {@link #merge} over them gives, but counted into one dense array
   * instead of allocating a sketch per step, whose size grows with the merged range (merging 500 endpoints into a
   * window's total pairwise copies the total's bins 500 times).
   */
  static DurationSketch mergeAll(List<DurationSketch> sketches) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    long zeros = 0;
    for (DurationSketch s : sketches) {
      if (s.indexes.length > 0) {
        min = Math.min(min, s.indexes[0]);
        max = Math.max(max, s.indexes[s.indexes.length - 1]);
      }
      zeros += s.zeroCount;
    }
    if (min > max) {
      return zeros == 0 ? EMPTY : new DurationSketch(new int[0], new long[0], zeros);
    }
    if ((long) max - min >= MAX_DENSE_MERGE_BINS) { // only pathological bucket bounds spread this far
      DurationSketch merged = EMPTY;
      for (DurationSketch s : sketches) {
        merged = merged.merge(s);
      }
      return merged;
    }
    long[] dense = new long[max - min + 1];
    for (DurationSketch s : sketches) {
      for (int k = 0; k < s.indexes.length; k++) {
        dense[s.indexes[k] - min] += s.counts[k];
      }
    }
    int bins = 0;
    for (long c : dense) {
      if (c != 0) {
        bins++;
      }
    }
    int[] indexes = new int[bins];
    long[] counts = new long[bins];
    for (int i = 0, n = 0; i < dense.length; i++) {
      if (dense[i] != 0) {
        indexes[n] = min + i;
        counts[n++] = dense[i];
      }
    }
    return new DurationSketch(indexes, counts, zeros);
  }

  boolean isEmpty() {
    return indexes.length == 0 && zeroCount == 0;
  }

  int binCount() {
    return indexes.length;
  }

  /**
   * Values at the given quantiles in milliseconds, all 0 when empty. Read straight off the frozen bins with
   * {@link DDSketch#getValuesAtQuantiles}'s rule (the first bin whose cumulative count exceeds
   * {@code quantile * (count - 1)}, zeros first), so the answer is the one a rebuilt sketch gives, without
   * rebuilding one: window queries ask this of every endpoint and fingerprint.
   */
  double[] quantilesMs(double... quantiles) {
    double[] values = new double[quantiles.length];
    if (isEmpty()) {
      return values;
    }
    double count = zeroCount;
    for (long c : counts) {
      count += c;
    }
    for (int q = 0; q < quantiles.length; q++) {
      values[q] = valueAt(quantiles[q], count);
    }
    return values;
  }

  private double valueAt(double quantile, double count) {
    if (quantile < 0 || quantile > 1) {
      throw new IllegalArgumentException("The quantile must be between 0 and 1.");
    }
    double rank = quantile * (count - 1);
    double n = zeroCount;
    if (n > rank) {
      return 0;
    }
    for (int k = 0; k < indexes.length; k++) {
      n += counts[k];
      if (n > rank) {
        return MAPPING.value(indexes[k]);
      }
    }
    return MAPPING.value(indexes[indexes.length - 1]); // not reached: n ends at count, which exceeds every rank
  }
}
