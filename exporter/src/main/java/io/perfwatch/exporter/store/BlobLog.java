package io.perfwatch.exporter.store;

import java.util.function.LongPredicate;

/**
 * The closed minutes (or hours) of one key, packed into one byte array: per entry its epoch minute (hour), its
 * length and its encoded rollup, all as {@link Bytes} varints. One array per key and tier instead of an object (and
 * its arrays) per rollup: the object headers, references and 8-byte counts were most of the old store's heap. The
 * array is replaced, exactly sized, on every change (a few times per key and minute, off the per-request path except
 * for the first request of a minute). Not thread-safe: the owning {@link History} is guarded by its series' lock.
 */
final class BlobLog {
  private static final byte[] NONE = new byte[0];

  /** Receives an entry: its key and where its payload lies. */
  interface Visitor {
    void visit(long key, byte[] data, int offset);
  }

  private byte[] data = NONE;
  private int entries;
  private long newest = Long.MIN_VALUE;

  int size() {
    return entries;
  }

  boolean isEmpty() {
    return entries == 0;
  }

  /** The highest key held, or {@link Long#MIN_VALUE} when empty. */
  long newest() {
    return newest;
  }

  /** The offset of {@code key}'s payload in the array passed to visitors, or -1. */
  int find(long key) {
    Bytes.Reader in = new Bytes.Reader(data, 0);
    while (in.position() < data.length) {
      long k = in.varLong();
      int length = in.varInt();
      if (k == key) {
        return in.position();
      }
      in.skip(length);
    }
    return -1;
  }

  byte[] data() {
    return data;
  }

  /** Visits the entries with keys in [from, to]. */
  void forEach(long from, long to, Visitor visitor) {
    byte[] d = data;
    Bytes.Reader in = new Bytes.Reader(d, 0);
    while (in.position() < d.length) {
      long k = in.varLong();
      int length = in.varInt();
      if (k >= from && k <= to) {
        visitor.visit(k, d, in.position());
      }
      in.skip(length);
    }
  }

  /** Sets {@code key}'s payload, replacing the one it had. */
  void put(long key, byte[] payload) {
    Bytes.Writer out = new Bytes.Writer();
    boolean replaced = copyExcept(k -> k == key, null, out);
    out.varLong(key).varLong(payload.length).bytes(payload, 0, payload.length);
    data = out.toArray();
    entries += replaced ? 0 : 1;
    newest = Math.max(newest, key);
  }

  /** Removes the entries whose key matches, visiting each first (its payload is still readable then). */
  void removeIf(LongPredicate remove, Visitor removed) {
    boolean any = false;
    Bytes.Reader scan = new Bytes.Reader(data, 0);
    while (!any && scan.position() < data.length) {
      any = remove.test(scan.varLong());
      scan.skip(scan.varInt());
    }
    if (!any) {
      return;
    }
    Bytes.Writer out = new Bytes.Writer();
    if (copyExcept(remove, removed, out)) {
      data = out.size() == 0 ? NONE : out.toArray();
      newest = Long.MIN_VALUE;
      entries = 0;
      forEach(Long.MIN_VALUE, Long.MAX_VALUE, (k, d, offset) -> {
        entries++;
        newest = Math.max(newest, k);
      });
    }
  }

  /** Copies every entry except those matching {@code skip} (visited instead, if a visitor is given). */
  private boolean copyExcept(LongPredicate skip, Visitor skipped, Bytes.Writer out) {
    boolean any = false;
    Bytes.Reader in = new Bytes.Reader(data, 0);
    while (in.position() < data.length) {
      int start = in.position();
      long k = in.varLong();
      int length = in.varInt();
      int payload = in.position();
      in.skip(length);
      if (skip.test(k)) {
        any = true;
        if (skipped != null) {
          skipped.visit(k, data, payload);
        }
      } else {
        out.bytes(data, start, in.position() - start);
      }
    }
    return any;
  }
}
