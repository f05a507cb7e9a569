package io.perfwatch.rules.yaml;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style durations: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1d}, units in this order. */
final class Durations {

  private static final Pattern DURATION =
      Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,6})s)?(?:(\\d{1,6})ms)?");

  private Durations() {}

  static Optional<Duration> parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      return Optional.empty();
    }
    Duration d = Duration.ofDays(part(m, 1)).plusHours(part(m, 2)).plusMinutes(part(m, 3))
        .plusSeconds(part(m, 4)).plusMillis(part(m, 5));
    return Optional.of(d);
  }

  /** The shortest spelling {@link #parse} reads back, e.g. {@code 1h30m}; {@code 0s} for zero. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    append(sb, d.toHours(), "h");
    append(sb, d.toMinutesPart(), "m");
    append(sb, d.toSecondsPart(), "s");
    append(sb, d.toMillisPart(), "ms");
    return sb.toString();
  }

  private static long part(Matcher m, int group) {
    return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
  }

  private static void append(StringBuilder sb, long amount, String unit) {
    if (amount > 0) {
      sb.append(amount).append(unit);
    }
  }
}
