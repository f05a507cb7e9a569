package io.perfwatch.service.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts failed authentication attempts per client and in total, in fixed one-minute windows, and says how long a
 * client that is over either limit should wait. Tracks at most {@value #MAX_TRACKED_CLIENTS} clients (the least
 * recently failing are forgotten first), so a flood of addresses cannot exhaust memory; the global count still
 * catches such a flood.
 */
final class FailureThrottle {
  static final int PER_CLIENT = 10;
  static final int GLOBAL = 100;
  static final long WINDOW_MILLIS = 60_000;
  private static final int MAX_TRACKED_CLIENTS = 10_000;

  private final LongSupplier clock;
  private final Map<String, long[]> clients = new LinkedHashMap<>(16, 0.75f, true) { // client -> {start, count}
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > MAX_TRACKED_CLIENTS;
    }
  };
  private final long[] global;

  FailureThrottle(LongSupplier clock) {
    this.clock = clock;
    this.global = new long[] {clock.getAsLong(), 0};
  }

  /**
   * Records a failure of {@code client}; answers the seconds to wait when the client or everyone together had used
   * up the allowance before it, else 0.
   */
  synchronized long fail(String client) {
    long now = clock.getAsLong();
    long[] own = clients.computeIfAbsent(client, c -> new long[] {now, 0});
    return Math.max(count(own, now, PER_CLIENT), count(global, now, GLOBAL));
  }

  /** Counts one failure in the window; the seconds left in it if the limit was already reached, else 0. */
  private static long count(long[] window, long now, int limit) {
    if (now - window[0] >= WINDOW_MILLIS) {
      window[0] = now;
      window[1] = 0;
    }
    boolean over = window[1] >= limit;
    window[1]++;
    return over ? Math.max(1, (window[0] + WINDOW_MILLIS - now + 999) / 1000) : 0;
  }
}
