package io.perfwatch.rules.alert;

import java.util.Locale;

/** Lifecycle of an alert, as in Prometheus: pending until {@code for} has elapsed, then firing, then resolved. */
public enum AlertState {
  PENDING,
  FIRING,
  RESOLVED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
