package io.perfwatch.service.report;

/**
 * A rate over the time a window actually covers: the shorter of the window and the time the source has been
 * collecting, so a service that ran 2 minutes of a 5-minute window divides by 2, not 5. At least one second is
 * assumed, so the first request after start is not a rate of thousands a minute.
 */
public final class Rate {
  static final long MIN_COVERED_MILLIS = 1_000;

  private Rate() {}

  /** Events per minute, rounded as the JSON shows numbers ({@link Round#of}). */
  public static double perMinute(long events, long windowMillis, long collectingMillis) {
    return Round.of(events * 60_000.0 / coveredMillis(windowMillis, collectingMillis));
  }

  /** The part of the window the source has data for, at least {@value #MIN_COVERED_MILLIS} ms. */
  public static long coveredMillis(long windowMillis, long collectingMillis) {
    return Math.max(MIN_COVERED_MILLIS, Math.min(windowMillis, collectingMillis));
  }
}
