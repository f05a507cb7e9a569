package io.perfwatch.rules.yaml;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Route globs of {@code include}/{@code exclude}, matched segment by segment against route templates such as
 * {@code /api/orders/:id}: {@code **} is any number of segments (including none), {@code *} any text within one
 * segment ({@code /api/v*}/...). Matching walks segments instead of compiling a regex, so it allocates little on the
 * evaluation path.
 */
final class RouteGlob {
  private static final Pattern RAW_SEGMENT = Pattern.compile(
      "\\d+|\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}|(?=.*\\d)\\p{XDigit}{16,}");

  private RouteGlob() {}

  /** Why {@code glob} is not a usable route glob, or null when it is. */
  static @Nullable String problem(String glob) {
    if (!glob.startsWith("/")) {
      return "route globs start with '/', e.g. /api/**";
    }
    for (String segment : segments(glob)) {
      if (segment.contains("**") && !segment.equals("**")) {
        return "'**' must be a whole segment, e.g. /api/**";
      }
    }
    return null;
  }

  /**
   * The first segment that looks like a value rather than part of a route template: all digits, a UUID, or a long
   * hexadecimal id. A glob with one matches no route, since routes are recorded as templates ({@code /orders/:id}).
   */
  static Optional<String> rawSegment(String glob) {
    return Arrays.stream(segments(glob)).filter(s -> RAW_SEGMENT.matcher(s).matches()).findFirst();
  }

  /** {@code glob} with its raw segments replaced by {@code *}, as a suggestion. */
  static String templated(String glob) {
    return "/" + Arrays.stream(segments(glob)).map(s -> RAW_SEGMENT.matcher(s).matches() ? "*" : s)
        .collect(Collectors.joining("/"));
  }

  /** Micrometer's pseudo-routes ({@code NOT_FOUND}, {@code root}, ...) do not start with '/' and match no glob. */
  static boolean matches(String glob, String route) {
    return route.startsWith("/") && matches(segments(glob), 0, segments(route), 0);
  }

  private static boolean matches(String[] glob, int g, String[] route, int r) {
    if (g == glob.length) {
      return r == route.length;
    }
    if (glob[g].equals("**")) {
      for (int skip = r; skip <= route.length; skip++) {
        if (matches(glob, g + 1, route, skip)) {
          return true;
        }
      }
      return false;
    }
    return r < route.length && segmentMatches(glob[g], route[r]) && matches(glob, g + 1, route, r + 1);
  }

  /** {@code *} within a segment: classic wildcard matching with backtracking to the last star. */
  private static boolean segmentMatches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static String[] segments(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }
}
