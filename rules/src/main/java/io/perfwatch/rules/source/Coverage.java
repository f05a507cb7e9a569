package io.perfwatch.rules.source;

/**
 * How much of a window a source has data for, the one definition behind every rate (the API's
 * {@code requests_per_minute}, the slow-query rule's executions per minute): the shorter of the window and the time
 * the source has been collecting, so a service that ran 2 minutes of a 5-minute window divides by 2, not 5. The
 * in-process store and scrapes collect from the service's start; a Prometheus server has its own history, so its
 * windows count as covered in full. At least one second is assumed, so the first request after start is not a rate
 * of thousands a minute.
 *
 * @param collectingSinceMillis when the source started collecting (epoch milliseconds)
 */
public record Coverage(long collectingSinceMillis) {
  static final long MIN_COVERED_MILLIS = 1_000;
  /** A source with its own history: every window is covered in full. */
  public static final Coverage FULL_HISTORY = new Coverage(Long.MIN_VALUE / 2);

  /** Collecting from now on, unless the source keeps its own history (a Prometheus server). */
  public static Coverage from(StatsSource source) {
    return source.ownHistory() ? FULL_HISTORY : new Coverage(source.nowMillis());
  }

  /** Milliseconds the source has been collecting as of {@code nowMillis}. */
  public long collectingMillis(long nowMillis) {
    return nowMillis - collectingSinceMillis;
  }

  /** The part of the window ending at {@code nowMillis} that the source has data for. */
  public long coveredMillis(long windowMillis, long nowMillis) {
    return covered(windowMillis, collectingMillis(nowMillis));
  }

  /** Events per minute of the window ending at {@code nowMillis}, over the time it covers (not rounded). */
  public double perMinute(long events, long windowMillis, long nowMillis) {
    return events * 60_000.0 / coveredMillis(windowMillis, nowMillis);
  }

  /** The part of a window covered after {@code collectingMillis} of collecting: at least one second. */
  public static long covered(long windowMillis, long collectingMillis) {
    return Math.max(MIN_COVERED_MILLIS, Math.min(windowMillis, collectingMillis));
  }
}
