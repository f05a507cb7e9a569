package io.perfwatch.exporter.store;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.util.Arrays;

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

  boolean isEmpty() {
    return indexes.length == 0 && zeroCount == 0;
  }

  int binCount() {
    return indexes.length;
  }

  /** Values at the given quantiles in milliseconds, all 0 when empty; the query side rebuilds one sketch per call. */
  double[] quantilesMs(double... quantiles) {
    if (isEmpty()) {
      return new double[quantiles.length];
    }
    DDSketch sketch = new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
    for (int k = 0; k < indexes.length; k++) {
      sketch.getPositiveValueStore().add(indexes[k], counts[k]);
    }
    if (zeroCount > 0) {
      sketch.accept(0.0, zeroCount);
    }
    return sketch.getValuesAtQuantiles(quantiles);
  }
}
