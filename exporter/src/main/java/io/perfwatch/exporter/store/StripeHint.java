package io.perfwatch.exporter.store;

/**
 * Which stripe a thread writes to, in {@link TimeSeries} and {@link StripedRing}. It starts at the thread's id and
 * moves to the next stripe whenever the thread finds its stripe's lock taken, as {@code LongAdder} moves a thread to
 * another cell, so threads that run together settle on different stripes. Chosen by thread id alone, two of a
 * server's threads shared a stripe whenever their ids were equal modulo the stripe count (one pair in four with four
 * stripes), and each record then cost 4 to 7 times as much ({@code StoreContention} in bench/). A record looks the
 * hint up once ({@link #current}, a thread-local) and passes it to every part of the store it writes.
 */
final class StripeHint {
  private static final ThreadLocal<StripeHint> CURRENT = ThreadLocal.withInitial(StripeHint::new);

  private int next;

  private StripeHint() {
    this((int) currentThreadId());
  }

  /** Test seam: a hint that starts at {@code stripe}. */
  StripeHint(int stripe) {
    this.next = stripe;
  }

  /** The calling thread's hint; use it on that thread only. */
  static StripeHint current() {
    return CURRENT.get();
  }

  /** The stripe among {@code stripes} (a power of two) to try first. */
  int stripe(int stripes) {
    return next & (stripes - 1);
  }

  /** Moves to the next stripe, for this record and the following ones, and returns it. */
  int move(int stripes) {
    return ++next & (stripes - 1);
  }

  @SuppressWarnings("deprecation") // Thread.threadId() arrives in Java 19
  private static long currentThreadId() {
    return Thread.currentThread().getId();
  }
}
