package io.perfwatch.rules.export;

import java.math.BigDecimal;
import java.time.Duration;

/** Numbers and durations as Prometheus writes them: {@code 20.0005}, {@code 1.5}, {@code 1h30m}, {@code 500ms}. */
final class Numbers {
  private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

  private Numbers() {}

  /** The shortest decimal that reads back as {@code value}, without an exponent or a trailing {@code .0}. */
  static String format(double value) {
    BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /** {@code threshold * ratio} without binary noise: 5 x 4.0001 is 20.0005, not 20.000500000000002. */
  static double times(double threshold, double ratio) {
    return new BigDecimal(Double.toString(threshold)).multiply(new BigDecimal(Double.toString(ratio))).doubleValue();
  }

  static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < UNITS.length; i++) {
      if (millis >= UNIT_MILLIS[i]) {
        out.append(millis / UNIT_MILLIS[i]).append(UNITS[i]);
        millis %= UNIT_MILLIS[i];
      }
    }
    return out.toString();
  }
}
