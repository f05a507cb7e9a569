package io.perfwatch.rules.export;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Route globs as RE2 regexes for {@code uri=~}: the same matching as the rule engine's globs, segment by segment
 * ({@code **} any number of segments including none, {@code *} any text within one segment). Prometheus anchors
 * label regexes at both ends.
 */
final class RouteRegex {
  private static final String META = "\\.+?()[]{}|^$";

  private RouteRegex() {}

  /** One alternation of every glob, e.g. {@code /api(/[^/]+)*|/admin/[^/]*}. */
  static String of(List<String> globs) {
    return globs.stream().map(RouteRegex::of).collect(Collectors.joining("|"));
  }

  static String of(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String segment : glob.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals("**")) {
        regex.append("(/[^/]+)*");
        continue;
      }
      regex.append('/');
      for (char c : segment.toCharArray()) {
        if (c == '*') {
          regex.append("[^/]*");
        } else {
          if (META.indexOf(c) >= 0) {
            regex.append('\\');
          }
          regex.append(c);
        }
      }
    }
    return regex.length() == 0 ? "/" : regex.toString();
  }
}
