package io.perfwatch.service.demo;

import java.util.Optional;
import spark.Request;

/** Query and path parameters, checked once at the boundary; bad ones become a 400 naming the value. */
final class Params {
  private Params() {}

  static long pathId(Request req, String name) {
    String raw = req.params(name);
    return positive(name, raw);
  }

  static Optional<Long> optionalId(Request req, String name) {
    String raw = req.queryParams(name);
    return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(positive(name, raw));
  }

  static int intInRange(Request req, String name, int defaultValue, int min, int max) {
    String raw = req.queryParams(name);
    if (raw == null || raw.isEmpty()) {
      return defaultValue;
    }
    return inRange(name, raw, min, max);
  }

  static int requiredIntInRange(Request req, String name, int min, int max) {
    String raw = req.queryParams(name);
    if (raw == null || raw.isEmpty()) {
      throw DemoException.badParameter(name + " is required: a whole number from " + min + " to " + max);
    }
    return inRange(name, raw, min, max);
  }

  static int pathIntInRange(Request req, String name, int min, int max) {
    return inRange(name, req.params(name), min, max);
  }

  private static long positive(String name, String raw) {
    try {
      long value = Long.parseLong(raw);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DemoException.badParameter(name + " must be a positive whole number, got '" + raw + "'");
  }

  private static int inRange(String name, String raw, int min, int max) {
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DemoException.badParameter(name + " must be a whole number from " + min + " to " + max + ", got '"
        + raw + "'");
  }
}
