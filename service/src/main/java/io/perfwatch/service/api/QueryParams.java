package io.perfwatch.service.api;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import spark.Request;

/**
 * Validated query parameters: a bad value is a 400 naming the parameter, the (shortened, sanitized) value and what
 * is allowed. A parameter given twice is refused rather than guessed at.
 */
final class QueryParams {
  private static final int MAX_ECHO = 40;

  private final Request request;

  QueryParams(Request request) {
    this.request = request;
  }

  int integer(String name, int defaultValue, int min, int max) {
    String raw = single(name);
    if (raw == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw ApiException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", was "
        + echo(raw));
  }

  boolean bool(String name, boolean defaultValue) {
    String raw = single(name);
    if (raw == null) {
      return defaultValue;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badRequest("'" + name + "' must be true or false, was " + echo(raw));
    };
  }

  /** One of {@code allowed} (case-insensitive), returned in its canonical lower-case form. */
  String oneOf(String name, String defaultValue, List<String> allowed) {
    String raw = single(name);
    if (raw == null) {
      return defaultValue;
    }
    String value = raw.trim().toLowerCase(Locale.ROOT);
    if (allowed.contains(value)) {
      return value;
    }
    throw ApiException.badRequest("'" + name + "' must be one of " + allowed + ", was " + echo(raw));
  }

  @Nullable String optional(String name) {
    return single(name);
  }

  private @Nullable String single(String name) {
    String[] values = request.queryParamsValues(name);
    if (values == null || values.length == 0) {
      return null;
    }
    if (values.length > 1) {
      throw ApiException.badRequest("'" + name + "' was given " + values.length + " times; give it once");
    }
    return values[0];
  }

  /**
   * The client's value for an error message: quoted, at most 40 characters, control characters removed and markup
   * characters replaced by '?', so that no client input can become markup wherever the message ends up.
   */
  static String echo(String raw) {
    StringBuilder out = new StringBuilder("'");
    raw.codePoints().limit(MAX_ECHO).filter(c -> !Character.isISOControl(c))
        .map(c -> "<>&\"'`\\".indexOf(c) >= 0 ? '?' : c)
        .forEach(out::appendCodePoint);
    if (raw.codePointCount(0, raw.length()) > MAX_ECHO) {
      out.append("...");
    }
    return out.append('\'').toString();
  }
}
