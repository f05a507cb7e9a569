package io.perfwatch.exporter.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The history of one key (an endpoint, a SQL fingerprint or a tenant). The current minute is accumulated in a few
 * stripes, chosen by thread id, each behind its own lock, so concurrent requests rarely contend. When a stripe sees a
 * newer minute it closes its old one into the minute ring (61 slots: the last 60 full minutes and the current one).
 * A minute pushed out of that ring is merged into the hour ring ({@code historyHours} slots). Every recorded value
 * lives in exactly one place at any time (a stripe, a minute slot or an hour slot), so queries never count twice.
 *
 * <p>Lock order: a stripe lock, then {@link #lock}. Queries take all stripe locks in index order, then {@link #lock}.
 */
final class TimeSeries<A extends Accumulator<R>, R extends Rollup<R>> {
  static final long MINUTE_MILLIS = 60_000;
  static final long HOUR_MILLIS = 3_600_000;
  static final int MINUTE_SLOTS = 61;
  private static final long EMPTY = Long.MIN_VALUE;
  private static final int STRIPES = stripeCount(Runtime.getRuntime().availableProcessors());

  /** A retained or live rollup and the start of the minute or hour it covers. */
  record Cell<R>(long startMillis, boolean hourly, R rollup) {}

  private static final class Stripe<A> {
    final ReentrantLock lock = new ReentrantLock();
    final A accumulator;
    long minute = EMPTY;

    Stripe(A accumulator) {
      this.accumulator = accumulator;
    }
  }

  private final Stripe<A>[] stripes;
  private final Supplier<A> accumulators;
  private final ReentrantLock lock = new ReentrantLock();
  private final Object[] minuteRollups = new Object[MINUTE_SLOTS];
  private final long[] minuteKeys = emptyKeys(MINUTE_SLOTS);
  private final Object[] hourRollups;
  private final long[] hourKeys;
  private volatile boolean retired;

  @SuppressWarnings("unchecked")
  TimeSeries(Supplier<A> accumulators, int historyHours) {
    this.accumulators = accumulators;
    this.stripes = (Stripe<A>[]) new Stripe<?>[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe<>(accumulators.get());
    }
    this.hourRollups = new Object[historyHours];
    this.hourKeys = emptyKeys(historyHours);
  }

  /**
   * Adds {@code item} to the given epoch minute. Returns false, recording nothing, when the series was retired
   * meanwhile; the caller then looks the key up again. {@code adder} should be a non-capturing method reference.
   */
  <T> boolean record(long minute, T item, BiConsumer<A, T> adder) {
    @SuppressWarnings("deprecation") // Thread.threadId() arrives in Java 19
    Stripe<A> stripe = stripes[(int) Thread.currentThread().getId() & (stripes.length - 1)];
    stripe.lock.lock();
    try {
      if (retired) {
        return false;
      }
      if (minute == stripe.minute) {
        adder.accept(stripe.accumulator, item);
      } else if (minute > stripe.minute) {
        flush(stripe);
        stripe.minute = minute;
        adder.accept(stripe.accumulator, item);
      } else { // late: another thread of this stripe already moved on; rare, so a throw-away accumulator is fine
        A late = accumulators.get();
        adder.accept(late, item);
        close(minute, late.snapshot());
      }
      return true;
    } finally {
      stripe.lock.unlock();
    }
  }

  /** Closes stripes idle since before {@code nowMillis}, compacts old minutes into hours and drops expired hours. */
  void expire(long nowMillis) {
    long nowMinute = Math.floorDiv(nowMillis, MINUTE_MILLIS);
    for (Stripe<A> stripe : stripes) {
      stripe.lock.lock();
      try {
        if (stripe.minute < nowMinute) {
          flush(stripe);
        }
      } finally {
        stripe.lock.unlock();
      }
    }
    long oldestHour = Math.floorDiv(nowMillis - hourKeys.length * HOUR_MILLIS, HOUR_MILLIS);
    lock.lock();
    try {
      for (int slot = 0; slot < MINUTE_SLOTS; slot++) {
        if (minuteKeys[slot] != EMPTY && minuteKeys[slot] < nowMinute - (MINUTE_SLOTS - 1)) {
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
    } finally {
      lock.unlock();
    }
  }

  /** Every cell overlapping [fromMillis, toMillis], read under all locks so a concurrent close is seen once. */
  List<Cell<R>> cells(long fromMillis, long toMillis) {
    long fromMinute = Math.floorDiv(fromMillis, MINUTE_MILLIS);
    long toMinute = Math.floorDiv(toMillis, MINUTE_MILLIS);
    long fromHour = Math.floorDiv(fromMillis, HOUR_MILLIS);
    long toHour = Math.floorDiv(toMillis, HOUR_MILLIS);
    List<Cell<R>> cells = new ArrayList<>();
    lockAll();
    try {
      for (Stripe<A> stripe : stripes) {
        if (!stripe.accumulator.isEmpty() && stripe.minute >= fromMinute && stripe.minute <= toMinute) {
          cells.add(new Cell<>(stripe.minute * MINUTE_MILLIS, false, stripe.accumulator.snapshot()));
        }
      }
      for (int slot = 0; slot < MINUTE_SLOTS; slot++) {
        if (minuteKeys[slot] != EMPTY && minuteKeys[slot] >= fromMinute && minuteKeys[slot] <= toMinute) {
          cells.add(new Cell<>(minuteKeys[slot] * MINUTE_MILLIS, false, rollupAt(minuteRollups, slot)));
        }
      }
      for (int slot = 0; slot < hourKeys.length; slot++) {
        if (hourKeys[slot] != EMPTY && hourKeys[slot] >= fromHour && hourKeys[slot] <= toHour) {
          cells.add(new Cell<>(hourKeys[slot] * HOUR_MILLIS, true, rollupAt(hourRollups, slot)));
        }
      }
    } finally {
      unlockAll();
    }
    return cells;
  }

  /** Retires the series if it holds no data; a retired series refuses records, so none is lost in an orphan. */
  boolean retireIfEmpty() {
    lockAll();
    try {
      boolean empty = Arrays.stream(stripes).allMatch(s -> s.accumulator.isEmpty()) && retainedRollups() == 0;
      retired = empty;
      return empty;
    } finally {
      unlockAll();
    }
  }

  int retainedRollups() {
    lock.lock();
    try {
      return (int) (Arrays.stream(minuteKeys).filter(k -> k != EMPTY).count()
          + Arrays.stream(hourKeys).filter(k -> k != EMPTY).count());
    } finally {
      lock.unlock();
    }
  }

  private void flush(Stripe<A> stripe) {
    if (!stripe.accumulator.isEmpty()) {
      close(stripe.minute, stripe.accumulator.snapshot());
      stripe.accumulator.reset();
    }
  }

  private void close(long minute, R rollup) {
    lock.lock();
    try {
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
      } else { // the slot already holds a minute 61+ minutes newer than this late one
        toHour(minute, rollup);
      }
    } finally {
      lock.unlock();
    }
  }

  private void toHour(long minute, R rollup) {
    long hour = Math.floorDiv(minute, 60L);
    int slot = (int) Math.floorMod(hour, (long) hourKeys.length);
    if (hourKeys[slot] == hour) {
      hourRollups[slot] = rollupAt(hourRollups, slot).merge(rollup);
    } else if (hourKeys[slot] < hour) { // the slot's hour is older than the history: drop it
      hourKeys[slot] = hour;
      hourRollups[slot] = rollup;
    } // else: this minute is older than the history itself: drop it
  }

  private void lockAll() {
    for (Stripe<A> stripe : stripes) {
      stripe.lock.lock();
    }
    lock.lock();
  }

  private void unlockAll() {
    lock.unlock();
    for (int i = stripes.length - 1; i >= 0; i--) {
      stripes[i].lock.unlock();
    }
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

  /** The next power of two at or above twice the cores, between 2 and 32. */
  static int stripeCount(int processors) {
    int wanted = Math.min(32, Math.max(2, processors * 2));
    return Integer.highestOneBit(wanted - 1) << 1;
  }
}
