package io.perfwatch.service.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as the JSON shows them: three significant digits, and at least one decimal from 100 up (so 0.0042 stays
 * 0.0042 and a non-zero value never shows as 0.0, while 1234.56 ms shows as 1234.6). NaN stays NaN (null in JSON).
 */
public final class Round {
  private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

  private Round() {}

  public static double of(double value) {
    if (!Double.isFinite(value) || value == 0) {
      return value;
    }
    if (Math.abs(value) >= 100) {
      return Math.round(value * 10) / 10.0;
    }
    return new BigDecimal(value).round(THREE_DIGITS).doubleValue();
  }
}
