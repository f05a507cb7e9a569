package io.perfwatch.rules.engine;

import java.math.BigDecimal;
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
