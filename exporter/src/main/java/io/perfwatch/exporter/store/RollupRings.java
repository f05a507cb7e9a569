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

  /**
   * Adds the minutes in [fromMinute, toMinute] and the hours in [fromHour, toHour] to {@code cells}, visiting only
   * the slots those minutes and hours map to: a 5-minute window looks at 6 minute slots, not all 61.
   */
  void cells(long fromMinute, long toMinute, long fromHour, long toHour, List<TimeSeries.Cell<R>> cells) {
    boolean fewMinutes = toMinute - fromMinute < MINUTE_SLOTS;
    int slot = fewMinutes ? (int) Math.floorMod(fromMinute, (long) MINUTE_SLOTS) : 0;
    for (long i = 0, n = fewMinutes ? toMinute - fromMinute + 1 : MINUTE_SLOTS; i < n; i++) {
      long minute = minuteKeys[slot];
      if (minute != EMPTY && minute >= fromMinute && minute <= toMinute) {
        cells.add(new TimeSeries.Cell<>(minute * TimeSeries.MINUTE_MILLIS, false, rollupAt(minuteRollups, slot)));
      }
      slot = slot + 1 == MINUTE_SLOTS ? 0 : slot + 1;
    }
    boolean fewHours = toHour - fromHour < hourKeys.length;
    slot = fewHours ? (int) Math.floorMod(fromHour, (long) hourKeys.length) : 0;
    for (long i = 0, n = fewHours ? toHour - fromHour + 1 : hourKeys.length; i < n; i++) {
      long hour = hourKeys[slot];
      if (hour != EMPTY && hour >= fromHour && hour <= toHour) {
        cells.add(new TimeSeries.Cell<>(hour * TimeSeries.HOUR_MILLIS, true, rollupAt(hourRollups, slot)));
      }
      slot = slot + 1 == hourKeys.length ? 0 : slot + 1;
    }
  }

  int size() {
    return occupied(minuteKeys) + occupied(hourKeys);
  }

  /** Plain loops: every window query asks this of every key (through {@code TimeSeries.retireIfEmpty}). */
  boolean isEmpty() {
    return occupied(minuteKeys) == 0 && occupied(hourKeys) == 0;
  }

  private static int occupied(long[] keys) {
    int n = 0;
    for (long key : keys) {
      if (key != EMPTY) {
        n++;
      }
    }
    return n;
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
