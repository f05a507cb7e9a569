package io.perfwatch.exporter.store;

/** {@link Bins} as bytes in a {@link BlobLog} entry. */
final class BinsCodec {
  private BinsCodec() {}

  /**
   * Appends {@code bins} at {@code atBits} resolution (coarsened if finer): the resolution, the bin count, then per bin
   * one varint {@code count << 2 | min(gap, 3)} (gap: empty bins skipped since the previous one), plus the rest of the
   * gap when it is 3 or more. Neighbouring bins with counts under 32 cost one byte each.
   */
  static void write(Bins bins, int atBits, Bytes.Writer out) {
    Bins b = bins.coarsen(atBits);
    int[] indexes = b.indexes();
    long[] counts = b.counts();
    out.varLong(b.subBits()).varLong(indexes.length);
    int previous = -1;
    for (int k = 0; k < indexes.length; k++) {
      int gap = indexes[k] - previous - 1;
      out.varLong(counts[k] << 2 | Math.min(gap, 3));
      if (gap >= 3) {
        out.varLong(gap - 3);
      }
      previous = indexes[k];
    }
  }

  static Bins read(Bytes.Reader in) {
    int bits = in.varInt();
    int n = in.varInt();
    if (n == 0) {
      return Bins.EMPTY;
    }
    int[] indexes = new int[n];
    long[] counts = new long[n];
    int previous = -1;
    for (int k = 0; k < n; k++) {
      long v = in.varLong();
      int gap = (int) (v & 3);
      if (gap == 3) {
        gap += in.varInt();
      }
      previous += gap + 1;
      indexes[k] = previous;
      counts[k] = v >>> 2;
    }
    return new Bins(bits, indexes, counts);
  }
}
