package io.perfwatch.exporter.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Immutable count per HTTP status code, as parallel arrays sorted by code. An endpoint answers with a handful of
 * codes, so this costs a few dozen bytes where a {@code Map<Integer, Long>} would cost hundreds.
 */
final class StatusCounts {
  static final StatusCounts EMPTY = new StatusCounts(new int[0], new long[0]);

  private final int[] codes;
  private final long[] counts;

  StatusCounts(int[] codes, long[] counts) {
    this.codes = codes;
    this.counts = counts;
  }

  StatusCounts merge(StatusCounts other) {
    if (other.codes.length == 0) {
      return this;
    }
    if (codes.length == 0) {
      return other;
    }
    int[] mergedCodes = new int[codes.length + other.codes.length];
    long[] mergedCounts = new long[mergedCodes.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < codes.length || j < other.codes.length) {
      boolean takeMine = j == other.codes.length || (i < codes.length && codes[i] <= other.codes[j]);
      boolean takeOther = i == codes.length || (j < other.codes.length && other.codes[j] <= codes[i]);
      mergedCodes[n] = takeMine ? codes[i] : other.codes[j];
      mergedCounts[n++] = (takeMine ? counts[i++] : 0) + (takeOther ? other.counts[j++] : 0);
    }
    return new StatusCounts(Arrays.copyOf(mergedCodes, n), Arrays.copyOf(mergedCounts, n));
  }

  void write(Bytes.Writer out) {
    out.varLong(codes.length);
    for (int k = 0; k < codes.length; k++) {
      out.varLong(codes[k]).varLong(counts[k]);
    }
  }

  static StatusCounts read(Bytes.Reader in) {
    int n = in.varInt();
    if (n == 0) {
      return EMPTY;
    }
    int[] codes = new int[n];
    long[] counts = new long[n];
    for (int k = 0; k < n; k++) {
      codes[k] = in.varInt();
      counts[k] = in.varLong();
    }
    return new StatusCounts(codes, counts);
  }

  Map<Integer, Long> toMap() {
    Map<Integer, Long> map = new HashMap<>();
    for (int k = 0; k < codes.length; k++) {
      map.put(codes[k], counts[k]);
    }
    return map;
  }

  /** Mutable tally for one accumulator: linear search over the few codes seen, no allocation once a code is known. */
  static final class Tally {
    private int[] codes = new int[4];
    private long[] counts = new long[4];
    private int size;

    void add(int code) {
      add(code, 1);
    }

    void add(int code, long n) {
      for (int k = 0; k < size; k++) {
        if (codes[k] == code) {
          counts[k] += n;
          return;
        }
      }
      if (size == codes.length) {
        codes = Arrays.copyOf(codes, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
      }
      codes[size] = code;
      counts[size++] = n;
    }

    StatusCounts freeze() {
      Integer[] order = new Integer[size];
      for (int k = 0; k < size; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(codes[a], codes[b]));
      int[] sortedCodes = new int[size];
      long[] sortedCounts = new long[size];
      for (int k = 0; k < size; k++) {
        sortedCodes[k] = codes[order[k]];
        sortedCounts[k] = counts[order[k]];
      }
      return size == 0 ? EMPTY : new StatusCounts(sortedCodes, sortedCounts);
    }

    /** Forgets the counts but keeps the arrays, so a stripe allocates them once. */
    void reset() {
      size = 0;
    }
  }
}
