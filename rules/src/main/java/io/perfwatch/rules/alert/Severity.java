package io.perfwatch.rules.alert;

import java.util.Locale;
import java.util.Optional;

/** The spec's alert severity levels, in ascending order (so {@code compareTo} ranks them). */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The lowercase name used in rule files, labels and JSON: {@code low}, {@code medium}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level whose {@link #label()} is {@code text} (exact, lowercase), or empty. */
  public static Optional<Severity> parse(String text) {
    for (Severity s : values()) {
      if (s.label().equals(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
