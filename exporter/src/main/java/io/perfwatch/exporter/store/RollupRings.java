package io.perfwatch.exporter.store;

import java.util.Arrays;
import java.util.List;

/**
 * The closed minutes and hours of one key: a ring of 61 minute rollups (the last 60 full minutes and the current
 * one, so a 60-minute window is answered at minute granularity) and a ring of {@code historyHours} hour rollups that
 * receive the minutes pushed out. A slot is indexed by its epoch minute or hour modulo the ring size and remembers
 * that key, so a slot reused for a newer minute or hour tells that its old content has aged out. Not thread-safe:
 * the owning {@link TimeSeries} guards it with its lock.
 */
final class RollupRings<R extends Rollup<R>> {
  static final int MINUTE_SLOTS = 61;
  private static final long EMPTY = Long.MIN_VALUE;

  private final Object[] minuteRollups = new Object[MINUTE_SLOTS];
  private final long[] minuteKeys = emptyKeys(MINUTE_SLOTS);
  private final Object[] hourRollups;
  private final long[] hourKeys;

  RollupRings(int historyHours) {
    this.hourRollups = new Object[historyHours];
    this.hourKeys = emptyKeys(historyHours);
  }

  /** Adds a closed (part of a) minute; a minute too old for the minute ring goes straight to its hour. */
  void close(long minute, R rollup) {
    int slot = (int) Math.floorMod(minute, (long) MINUTE_SLOTS);
    long held = minuteKeys[slot];
    if (held == minute) {
      minuteRollups[slot] = rollupAt(minuteRollups, slot).merge(rollup);
    } else if (held < minute) { // held is EMPTY or at least 61 minutes older: compact it
      if (held != EMPTY) {
        toHour(held, rollupAt(minuteRollups, slot));
      }
      minuteKeys[slot] = minute;
      minuteRollups[slot] = rollup;
    } else { // the slot holds a minute 61+ minutes newer than this late one
      toHour(minute, rollup);
    }
  }

  /** Compacts minutes before {@code oldestMinute} into hours and drops hours before {@code oldestHour}. */
  void expire(long oldestMinute, long oldestHour) {
    for (int slot = 0; slot < MINUTE_SLOTS; slot++) {
      if (minuteKeys[slot] != EMPTY && minuteKeys[slot] < oldestMinute) {
        toHour(minuteKeys[slot], rollupAt(minuteRollups, slot));
        minuteKeys[slot] = EMPTY;
        minuteRollups[slot] = null;
      }
    }
    for (int slot = 0; slot < hourKeys.length; slot++) {
      if (hourKeys[slot] != EMPTY && hourKeys[slot] < oldestHour) {
        hourKeys[slot] = EMPTY;
        hourRollups[slot] = null;
      }
    }
  }

  /** Adds the minutes in [fromMinute, toMinute] and the hours in [fromHour, toHour] to {@code cells}. */
  void cells(long fromMinute, long toMinute, long fromHour, long toHour, List<TimeSeries.Cell<R>> cells) {
    for (int slot = 0; slot < MINUTE_SLOTS; slot++) {
      if (minuteKeys[slot] != EMPTY && minuteKeys[slot] >= fromMinute && minuteKeys[slot] <= toMinute) {
        cells.add(new TimeSeries.Cell<>(minuteKeys[slot] * TimeSeries.MINUTE_MILLIS, false,
            rollupAt(minuteRollups, slot)));
      }
    }
    for (int slot = 0; slot < hourKeys.length; slot++) {
      if (hourKeys[slot] != EMPTY && hourKeys[slot] >= fromHour && hourKeys[slot] <= toHour) {
        cells.add(new TimeSeries.Cell<>(hourKeys[slot] * TimeSeries.HOUR_MILLIS, true, rollupAt(hourRollups, slot)));
      }
    }
  }

  int size() {
    return (int) (Arrays.stream(minuteKeys).filter(k -> k != EMPTY).count()
        + Arrays.stream(hourKeys).filter(k -> k != EMPTY).count());
  }

  private void toHour(long minute, R rollup) {
    long hour = Math.floorDiv(minute, 60L);
    int slot = (int) Math.floorMod(hour, (long) hourKeys.length);
    if (hourKeys[slot] == hour) {
      hourRollups[slot] = rollupAt(hourRollups, slot).merge(rollup);
    } else if (hourKeys[slot] < hour) { // the slot's hour is older than the history: drop it
      hourKeys[slot] = hour;
      hourRollups[slot] = rollup;
    } // else this minute is older than the history itself: drop it
  }

  @SuppressWarnings("unchecked")
  private R rollupAt(Object[] rollups, int slot) {
    return (R) rollups[slot];
  }

  private static long[] emptyKeys(int size) {
    long[] keys = new long[size];
    Arrays.fill(keys, EMPTY);
    return keys;
  }
}
