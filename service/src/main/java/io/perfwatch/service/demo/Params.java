package io.perfwatch.service.demo;

import io.perfwatch.service.api.ClientText;
import io.perfwatch.service.api.QueryString;
import io.perfwatch.service.api.QueryStringException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import spark.Request;

/**
 * Query and path parameters, checked once at the boundary: the query string as the JSON API checks it (malformed or
 * naming a parameter the route does not take: 400), then each value; a bad one is a 400 naming the value.
 */
final class Params {
  private Params() {}

  /** The request's query string when it names only {@code allowed}; else the 400. */
  static QueryString query(Request req, List<String> allowed) {
    try {
      return QueryString.of(req.raw().getQueryString(), allowed);
    } catch (QueryStringException e) {
      throw DemoException.badQuery(e.code(), e.getMessage());
    }
  }

  static long pathId(Request req, String name) {
    return positive(name, req.params(name));
  }

  static Optional<Long> optionalId(QueryString query, String name) {
    String raw = single(query, name);
    return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(positive(name, raw));
  }

  static int intInRange(QueryString query, String name, int defaultValue, int min, int max) {
    String raw = single(query, name);
    if (raw == null || raw.isEmpty()) {
      return defaultValue;
    }
    return inRange(name, raw, min, max);
  }

  static int requiredIntInRange(QueryString query, String name, int min, int max) {
    String raw = single(query, name);
    if (raw == null || raw.isEmpty()) {
      throw DemoException.badParameter(name + " is required: a whole number from " + min + " to " + max);
    }
    return inRange(name, raw, min, max);
  }

  static int pathIntInRange(Request req, String name, int min, int max) {
    return inRange(name, req.params(name), min, max);
  }

  private static @Nullable String single(QueryString query, String name) {
    List<String> values = query.values(name);
    if (values.size() > 1) {
      throw DemoException.badParameter(name + " was given " + values.size() + " times; give it once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static long positive(String name, String raw) {
    try {
      long value = Long.parseLong(asciiDigits(raw));
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DemoException.badParameter(name + " must be a positive whole number, got " + ClientText.quote(raw));
  }

  private static int inRange(String name, String raw, int min, int max) {
    try {
      int value = Integer.parseInt(asciiDigits(raw));
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DemoException.badParameter(name + " must be a whole number from " + min + " to " + max + ", got "
        + ClientText.quote(raw));
  }

  /** {@code raw} when it is ASCII digits with an optional leading '-'; parseInt/parseLong also take other scripts'. */
  private static String asciiDigits(String raw) {
    int start = raw.startsWith("-") ? 1 : 0;
    if (raw.length() == start) {
      throw new NumberFormatException("no digits");
    }
    for (int i = start; i < raw.length(); i++) {
      if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
        throw new NumberFormatException("not an ASCII digit");
      }
    }
    return raw;
  }
}
