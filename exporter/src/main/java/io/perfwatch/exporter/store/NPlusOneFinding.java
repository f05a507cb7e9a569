package io.perfwatch.exporter.store;

import java.util.Objects;

/**
 * The same SELECT fingerprint executed {@code repeats} times within one HTTP request.
 *
 * @param fingerprint the normalized SQL that was repeated
 * @param totalNanos time spent in all repetitions together
 */
public record NPlusOneFinding(
    long timestampMillis,
    String method,
    String route,
    String table,
    String fingerprint,
    int repeats,
    long totalNanos) {

  public NPlusOneFinding {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (repeats < 2) {
      throw new IllegalArgumentException("an N+1 finding needs at least 2 repeats, was " + repeats);
    }
  }
}
