package io.perfwatch.rules.yaml;

import io.perfwatch.rules.alert.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How severe an alert is, by how far the value exceeds the threshold: each level maps to a ratio
 * {@code value / threshold} from which it applies. Ratios are at least 1.0 (a rule only fires at or above its
 * threshold) and strictly ascending with the level. A fixed level ({@code severity: medium}) is a ladder with the
 * single entry {@code medium: 1.0}: that level whenever value >= threshold.
 */
public record SeverityLadder(Map<Severity, Double> ratios) {
  private static final Severity[] LEVELS = Severity.values();

  public SeverityLadder {
    Objects.requireNonNull(ratios, "ratios");
    if (ratios.isEmpty()) {
      throw new IllegalArgumentException("a severity ladder needs at least one level");
    }
    EnumMap<Severity, Double> copy = new EnumMap<>(ratios);
    double previous = 0;
    for (Map.Entry<Severity, Double> e : copy.entrySet()) {
      double ratio = Objects.requireNonNull(e.getValue(), "ratio");
      if (!(ratio >= 1.0) || Double.isInfinite(ratio) || ratio <= previous) {
        throw new IllegalArgumentException("severity ratios must be finite, >= 1.0 and ascending with the level, got "
            + copy);
      }
      previous = ratio;
    }
    ratios = Collections.unmodifiableMap(copy);
  }

  /** A ladder that always gives {@code level} once the threshold is reached. */
  public static SeverityLadder fixed(Severity level) {
    return new SeverityLadder(Map.of(level, 1.0));
  }

  /** The highest level whose ratio is <= value / threshold; empty below the lowest level or for non-finite input. */
  public Optional<Severity> levelFor(double value, double threshold) {
    if (!(threshold > 0) || !Double.isFinite(value)) {
      return Optional.empty();
    }
    double ratio = value / threshold;
    Severity result = null;
    for (Severity level : LEVELS) { // by level rather than over entrySet(): an EnumMap allocates an entry per step
      Double from = ratios.get(level);
      if (from != null && from <= ratio) {
        result = level;
      }
    }
    return Optional.ofNullable(result);
  }

  /**
   * {@code level} raised by {@code steps} of this ladder's own levels, capped at its highest: a detector's raise
   * (e.g. a frequent slow query) never leaves the levels the rule declares, so a fixed {@code severity: high} stays
   * high and {@code {low: 1.0, high: 2.0}} raises low to high.
   */
  public Severity raise(Severity level, int steps) {
    if (steps <= 0) {
      return level;
    }
    Severity result = level;
    int left = steps;
    for (Severity higher : LEVELS) {
      if (left > 0 && higher.compareTo(level) > 0 && ratios.containsKey(higher)) {
        result = higher;
        left--;
      }
    }
    return result;
  }
}
