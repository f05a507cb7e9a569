package io.perfwatch.service.api;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's validated query parameters: the query string is checked once by {@link QueryString} (malformed or
 * naming an unknown parameter: 400), then each value as the endpoint asks for it. A bad value is a 400 naming the
 * parameter, the (shortened, sanitized) value and what is allowed; a parameter given twice is refused rather than
 * guessed at.
 */
final class QueryParams {
  private static final Pattern ASCII_INTEGER = Pattern.compile("[+-]?[0-9]{1,10}");

  private final QueryString query;

  private QueryParams(QueryString query) {
    this.query = query;
  }

  /** The request's parameters, when every one of them is in {@code allowed}; else the 400 as an ApiException. */
  static QueryParams of(@Nullable String rawQuery, List<String> allowed) {
    try {
      return new QueryParams(QueryString.of(rawQuery, allowed));
    } catch (QueryStringException e) {
      throw new ApiException(400, e.code(), e.getMessage());
    }
  }

  int integer(String name, int defaultValue, int min, int max) {
    String raw = single(name);
    if (raw == null) {
      return defaultValue;
    }
    String digits = unspaced(raw);
    // ASCII digits only: Integer.parseInt would also take other scripts' digits (e.g. Arabic-Indic)
    if (ASCII_INTEGER.matcher(digits).matches()) {
      try {
        int value = Integer.parseInt(digits);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // too large for an int: reported below with the allowed range
      }
    }
    throw ApiException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", was "
        + ClientText.quote(raw));
  }

  boolean bool(String name, boolean defaultValue) {
    String raw = single(name);
    if (raw == null) {
      return defaultValue;
    }
    return switch (unspaced(raw).toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badRequest("'" + name + "' must be true or false, was " + ClientText.quote(raw));
    };
  }

  /** One of {@code allowed} (case-insensitive), returned in its canonical lower-case form. */
  String oneOf(String name, String defaultValue, List<String> allowed) {
    String raw = single(name);
    if (raw == null) {
      return defaultValue;
    }
    String value = unspaced(raw).toLowerCase(Locale.ROOT);
    if (allowed.contains(value)) {
      return value;
    }
    throw ApiException.badRequest("'" + name + "' must be one of " + allowed + ", was " + ClientText.quote(raw));
  }

  /** A free text (a job or instance name), "" when absent; at most 200 characters. */
  String text(String name) {
    String raw = single(name);
    if (raw == null) {
      return "";
    }
    String value = unspaced(raw);
    if (value.length() > 200) {
      throw ApiException.badRequest("'" + name + "' must be at most 200 characters, was " + value.length());
    }
    return value;
  }

  /**
   * The value without surrounding spaces (a {@code +} in a query string is a space); nothing else is ignored,
   * control characters included ({@code String.trim()} would drop those).
   */
  private static String unspaced(String raw) {
    int from = 0;
    int to = raw.length();
    while (from < to && raw.charAt(from) == ' ') {
      from++;
    }
    while (to > from && raw.charAt(to - 1) == ' ') {
      to--;
    }
    return raw.substring(from, to);
  }

  private @Nullable String single(String name) {
    List<String> values = query.values(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.badRequest("'" + name + "' was given " + values.size() + " times; give it once");
    }
    return values.get(0);
  }
}
