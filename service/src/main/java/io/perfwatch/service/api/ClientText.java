package io.perfwatch.service.api;

/**
 * Client input (a parameter value, a path, Jetty's reason for refusing a request) as it may appear in an error
 * message: shortened, and control and markup characters replaced by '?', so that no client input can become markup
 * or a forged log line wherever the message ends up.
 */
public final class ClientText {
  private static final int MAX_QUOTED = 40;

  private ClientText() {}

  /** In single quotes, at most 40 characters (then {@code ...}). */
  public static String quote(String raw) {
    return "'" + plain(raw, MAX_QUOTED) + "'";
  }

  /** At most {@code max} characters (then {@code ...}), without quotes. */
  public static String plain(String raw, int max) {
    StringBuilder out = new StringBuilder();
    raw.codePoints().limit(max)
        .map(c -> Character.isISOControl(c) || "<>&\"'`\\".indexOf(c) >= 0 ? '?' : c)
        .forEach(out::appendCodePoint);
    if (raw.codePointCount(0, raw.length()) > max) {
      out.append("...");
    }
    return out.toString();
  }
}
