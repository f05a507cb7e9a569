package io.perfwatch.exporter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The history of one key (an endpoint, a SQL fingerprint or a tenant). The current minute is accumulated in a few
 * stripes, each behind its own lock; a thread writes to its {@link StripeHint} stripe and moves on when that one is
 * taken, so concurrent requests rarely contend. When a stripe sees a newer minute it closes its old one into the
 * {@link History}. Every recorded value lives in exactly one place
 * at any time (a stripe, a minute slot or an hour slot), so queries never count it twice.
 *
 * <p>Lock order: a stripe lock, then {@link #lock}. Queries take all stripe locks in index order, then {@link #lock},
 * so they see a value either still in its stripe or already closed, never both or neither.
 */
final class TimeSeries<A extends Accumulator<R>, R extends Rollup<R>> {
  static final long MINUTE_MILLIS = 60_000;
  static final long HOUR_MILLIS = 3_600_000;
  /**
   * At most {@value #MAX_STRIPES} stripes (what a 2-core machine gets), whatever the core count: the retained
   * accumulators grow with the stripes written, and a key's heap must not grow with the machine. More than 4 threads
   * recording one key at the same instant then share stripes, each moving on from a taken one.
   */
  static final int MAX_STRIPES = 4;
  private static final int STRIPES = Math.min(MAX_STRIPES, stripeCount(Runtime.getRuntime().availableProcessors()));

  /** A rollup and the start of the minute or hour it covers. */
  record Cell<R>(long startMillis, boolean hourly, R rollup) {}

  /**
   * One stripe's lock and accumulator. The accumulator is created by the first record of a minute and dropped when
   * an expiry finds the stripe idle, so a key costs accumulators only for the stripes written in its current minute.
   * Created that way, by the thread that writes it, in that thread's allocation buffer, two threads' accumulators do
   * not share a cache line as allocated (a collection may move them). The stripes themselves (lock and minute) are
   * allocated together and unpadded: the padding cost 288 bytes per key and stripe.
   */
  private static final class Stripe<A> {
    final ReentrantLock lock = new ReentrantLock();
    @Nullable A accumulator;
    long minute = Long.MIN_VALUE;
  }

  private final Stripe<A>[] stripes;
  private final Supplier<A> accumulators;
  private final int historyHours;
  private final ReentrantLock lock = new ReentrantLock();
  private final History<R> history;
  private volatile boolean retired;

  @SuppressWarnings("unchecked")
  TimeSeries(Supplier<A> accumulators, RollupCodec<R> codec, int historyHours) {
    this.accumulators = accumulators;
    this.historyHours = historyHours;
    this.history = new History<>(codec, historyHours);
    this.stripes = (Stripe<A>[]) new Stripe<?>[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe<>();
    }
  }

  /**
   * Adds {@code item} to the given epoch minute. Returns false, recording nothing, when the series was retired
   * meanwhile; the caller then looks the key up again. {@code adder} should be a non-capturing method reference;
   * {@code hint} is the calling thread's.
   */
  <T> boolean record(long minute, T item, BiConsumer<A, T> adder, StripeHint hint) {
    Stripe<A> stripe = stripes[hint.stripe(stripes.length)];
    if (!stripe.lock.tryLock()) { // another thread is on this stripe: move on rather than queue behind it
      stripe = stripes[hint.move(stripes.length)];
      stripe.lock.lock();
    }
    try {
      if (retired) {
        return false;
      }
      if (minute == stripe.minute && stripe.accumulator != null) {
        adder.accept(stripe.accumulator, item);
      } else if (minute >= stripe.minute) {
        flush(stripe);
        stripe.minute = minute;
        if (stripe.accumulator == null) {
          stripe.accumulator = accumulators.get();
        }
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
          stripe.accumulator = null;
        }
      } finally {
        stripe.lock.unlock();
      }
    }
    lock.lock();
    try {
      history.expire(nowMinute - (History.MINUTE_SLOTS - 1),
          Math.floorDiv(nowMillis - historyHours * HOUR_MILLIS, HOUR_MILLIS));
    } finally {
      lock.unlock();
    }
  }

  /** Every cell overlapping [fromMillis, toMillis]: whole minutes, and whole hours for data older than 60 minutes. */
  List<Cell<R>> cells(long fromMillis, long toMillis) {
    long fromMinute = Math.floorDiv(fromMillis, MINUTE_MILLIS);
    long toMinute = Math.floorDiv(toMillis, MINUTE_MILLIS);
    List<Cell<R>> cells = new ArrayList<>();
    lockAll();
    try {
      for (Stripe<A> stripe : stripes) {
        A live = stripe.accumulator;
        if (live != null && !live.isEmpty() && stripe.minute >= fromMinute && stripe.minute <= toMinute) {
          cells.add(new Cell<>(stripe.minute * MINUTE_MILLIS, false, live.snapshot()));
        }
      }
      history.cells(fromMinute, toMinute, Math.floorDiv(fromMillis, HOUR_MILLIS), Math.floorDiv(toMillis, HOUR_MILLIS),
          cells);
    } finally {
      unlockAll();
    }
    return cells;
  }

  /** Retires the series if it holds no data; a retired series refuses records, so none is lost in an orphan. */
  boolean retireIfEmpty() {
    lockAll();
    try {
      boolean empty = history.isEmpty();
      for (Stripe<A> stripe : stripes) {
        empty &= stripe.accumulator == null || stripe.accumulator.isEmpty();
      }
      retired = empty;
      return empty;
    } finally {
      unlockAll();
    }
  }

  int retainedRollups() {
    lock.lock();
    try {
      return history.size();
    } finally {
      lock.unlock();
    }
  }

  private void flush(Stripe<A> stripe) {
    A live = stripe.accumulator;
    if (live != null && !live.isEmpty()) {
      close(stripe.minute, live.snapshot());
      live.reset();
    }
  }

  private void close(long minute, R rollup) {
    lock.lock();
    try {
      history.close(minute, rollup);
    } finally {
      lock.unlock();
    }
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

  /** The next power of two at or above twice the cores, between 2 and 32. */
  static int stripeCount(int processors) {
    int wanted = Math.min(32, Math.max(2, processors * 2));
    return Integer.highestOneBit(wanted - 1) << 1;
  }
}
