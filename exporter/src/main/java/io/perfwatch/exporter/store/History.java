package io.perfwatch.exporter.store;

import java.util.List;

/**
 * The closed minutes and hours of one key: the last 61 minutes (the last 60 full ones and the current one, so a
 * 60-minute window is answered at minute granularity) at {@link Bins#FINE} resolution, and {@code historyHours} hours
 * at {@link Bins#COARSE}, which receive the minutes that age out. Each tier is one {@link BlobLog}; a minute or hour
 * is merged when closed again (another stripe's part of it, or a late record). Counts, errors, sums, minimum and
 * maximum stay exact in both tiers; only the duration bins get coarser. Not thread-safe: the owning
 * {@link TimeSeries} guards it with its lock.
 */
final class History<R extends Rollup<R>> {
  static final int MINUTE_SLOTS = 61;

  private final RollupCodec<R> codec;
  private final int historyHours;
  private final BlobLog minutes = new BlobLog();
  private final BlobLog hours = new BlobLog();

  History(RollupCodec<R> codec, int historyHours) {
    this.codec = codec;
    this.historyHours = historyHours;
  }

  /** Adds a closed (part of a) minute; a minute 61 or more minutes older than the newest goes to its hour. */
  void close(long minute, R rollup) {
    int held = minutes.find(minute);
    if (held >= 0) {
      minutes.put(minute, encode(read(minutes.data(), held).merge(rollup), Bins.FINE));
      return;
    }
    long newest = minutes.newest();
    if (newest != Long.MIN_VALUE && minute <= newest - MINUTE_SLOTS) {
      toHour(minute, rollup);
      return;
    }
    minutes.put(minute, encode(rollup, Bins.FINE));
    expire(minute - (MINUTE_SLOTS - 1), Long.MIN_VALUE);
  }

  /** Compacts minutes before {@code oldestMinute} into hours and drops hours before {@code oldestHour}. */
  void expire(long oldestMinute, long oldestHour) {
    minutes.removeIf(m -> m < oldestMinute, (m, data, offset) -> toHour(m, read(data, offset)));
    hours.removeIf(h -> h < oldestHour, (h, data, offset) -> { });
  }

  /** Adds the minutes in [fromMinute, toMinute] and the hours in [fromHour, toHour] to {@code cells}. */
  void cells(long fromMinute, long toMinute, long fromHour, long toHour, List<TimeSeries.Cell<R>> cells) {
    minutes.forEach(fromMinute, toMinute,
        (m, data, offset) -> cells.add(new TimeSeries.Cell<>(m * TimeSeries.MINUTE_MILLIS, false, read(data, offset))));
    hours.forEach(fromHour, toHour,
        (h, data, offset) -> cells.add(new TimeSeries.Cell<>(h * TimeSeries.HOUR_MILLIS, true, read(data, offset))));
  }

  int size() {
    return minutes.size() + hours.size();
  }

  boolean isEmpty() {
    return minutes.isEmpty() && hours.isEmpty();
  }

  /** Adds a minute to its hour, unless that hour is older than the newest hour's history (then it is dropped). */
  private void toHour(long minute, R rollup) {
    long hour = Math.floorDiv(minute, 60L);
    int held = hours.find(hour);
    if (held >= 0) {
      hours.put(hour, encode(read(hours.data(), held).merge(rollup), Bins.COARSE));
      return;
    }
    long newest = hours.newest();
    if (newest != Long.MIN_VALUE && hour <= newest - historyHours) {
      return;
    }
    hours.put(hour, encode(rollup, Bins.COARSE));
    long oldest = hour - historyHours;
    hours.removeIf(h -> h <= oldest, (h, data, offset) -> { });
  }

  private byte[] encode(R rollup, int subBits) {
    Bytes.Writer out = new Bytes.Writer();
    codec.write(rollup, subBits, out);
    return out.toArray();
  }

  private R read(byte[] data, int offset) {
    return codec.read(new Bytes.Reader(data, offset));
  }
}
