package io.perfwatch.service.report;

import io.perfwatch.rules.source.Coverage;

/** A rate over the time a window actually covers ({@link Coverage}: the definition the rule engine uses too). */
public final class Rate {
  private Rate() {}

  /** Events per minute, rounded as the JSON shows numbers ({@link Round#of}). */
  public static double perMinute(long events, long windowMillis, long collectingMillis) {
    return Round.of(events * 60_000.0 / Coverage.covered(windowMillis, collectingMillis));
  }
}
