package io.perfwatch.exporter.store;

import java.util.Arrays;

/**
 * Variable-length encoding of non-negative longs (7 bits a byte, low first), the unit of {@link BlobLog} entries: a
 * count of 5 costs one byte, a sum of nanoseconds over a minute four or five, instead of eight each.
 */
final class Bytes {
  private Bytes() {}

  /** A growable output buffer. */
  static final class Writer {
    private byte[] buffer = new byte[64];
    private int size;

    Writer varLong(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("negative value " + value);
      }
      ensure(10);
      long v = value;
      while ((v & ~0x7FL) != 0) {
        buffer[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buffer[size++] = (byte) v;
      return this;
    }

    Writer bytes(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, buffer, size, length);
      size += length;
      return this;
    }

    int size() {
      return size;
    }

    byte[] toArray() {
      return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }
  }

  /** Reads from an array, starting at an offset. */
  static final class Reader {
    private final byte[] data;
    private int position;

    Reader(byte[] data, int offset) {
      this.data = data;
      this.position = offset;
    }

    long varLong() {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = data[position++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
    }

    int varInt() {
      return Math.toIntExact(varLong());
    }

    int position() {
      return position;
    }

    void skip(int length) {
      position += length;
    }
  }
}
