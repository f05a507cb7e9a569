package io.perfwatch.rules.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Number formatting and {@code {{name}}} substitution for summaries and recommendations. */
final class Texts {
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

  private Texts() {}

  /** Whole numbers without decimals (2000), others with one (2512.3); NaN as "NaN". */
  static String num(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    // As String.format("%.1f") rounds (half up, from the shortest decimal that identifies the double), at a
    // fraction of its cost: rule evaluation formats a few numbers for every breaching instance in every cycle.
    String rounded = new BigDecimal(Double.toString(value)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    return value < 0 && rounded.charAt(0) != '-' ? "-" + rounded : rounded;
  }

  /**
   * A measured value for an alert's details, as a JSON number: whole numbers as {@code Long}, others with three
   * significant digits (one decimal from 100 up, so a non-zero value never becomes 0), NaN as NaN.
   */
  static Number number(double value) {
    if (!Double.isFinite(value)) {
      return value;
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return (long) value;
    }
    if (Math.abs(value) >= 100) {
      return Math.round(value * 10) / 10.0;
    }
    return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).doubleValue();
  }

  /** Unknown variables stay as written, so a typo shows in the alert instead of vanishing. */
  static String render(String template, Map<String, String> vars) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
