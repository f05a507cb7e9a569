package io.perfwatch.exporter.store;

/** Writes a rollup into a {@link BlobLog} entry and reads it back, with durations at a given bin resolution. */
interface RollupCodec<R extends Rollup<R>> {
  void write(R rollup, int subBits, Bytes.Writer out);

  R read(Bytes.Reader in);
}
