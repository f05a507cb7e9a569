package io.perfwatch.rules.yaml;

import java.util.Collection;

/** "Did you mean" for typos in keys and values: the closest candidate within a small edit distance. */
final class Suggestions {

  private Suggestions() {}

  /** {@code " (did you mean 'x'?)"}, or empty text when nothing is close. */
  static String didYouMean(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(1, Math.min(3, typed.length() / 3)) + 1;
    for (String candidate : candidates) {
      int d = distance(typed.toLowerCase(java.util.Locale.ROOT), candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** Levenshtein distance, two rows. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
