package io.perfwatch.service;

import io.perfwatch.exporter.config.Setting;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PERFORMANCE_*} variables that no setting declares: usually a typo that would otherwise be silently
 * ignored (a missing S of a plural). Only a warning, since rule files may read variables of their own.
 */
final class UnknownSettings {
  private UnknownSettings() {}

  /** One line per unknown variable, sorted, with the closest declared name when one is near. */
  static List<String> warnings(Map<String, String> env) {
    List<String> declared = ServiceSettings.ALL.stream().map(Setting::name).toList();
    return env.keySet().stream().filter(k -> k.startsWith("PERFORMANCE_") && !declared.contains(k)).sorted()
        .map(k -> k + " is not a perfwatch setting" + closest(k, declared).map(c -> " (did you mean " + c + "?)")
            .orElse("") + "; only rule files' ${" + k + "} references read it")
        .toList();
  }

  private static Optional<String> closest(String typed, List<String> names) {
    return names.stream().filter(n -> distance(typed, n) <= 3)
        .min(Comparator.comparingInt((String n) -> distance(typed, n)).thenComparing(n -> n));
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
