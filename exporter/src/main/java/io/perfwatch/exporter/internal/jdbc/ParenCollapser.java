package io.perfwatch.exporter.internal.jdbc;

import java.util.Arrays;

/**
 * Collapses lists whose length varies from call to call, so that one statement keeps one fingerprint:
 * {@code IN (?, ?, ?)} becomes {@code IN (?)}, and {@code VALUES (?, ?), (?, ?)} keeps its first tuple. Works on the
 * normalizer's output as each parenthesis closes, so no second pass is needed.
 */
final class ParenCollapser {
  private final StringBuilder out;
  private int[] opens = new int[8];
  private int depth;
  /** The last VALUES tuple kept in {@code out}, or -1. */
  private int tupleStart = -1;
  private int tupleEnd = -1;

  ParenCollapser(StringBuilder out) {
    this.out = out;
  }

  /** Call right after {@code (} was appended. */
  void open() {
    if (depth == opens.length) {
      opens = Arrays.copyOf(opens, depth * 2);
    }
    opens[depth++] = out.length() - 1;
  }

  /** Call right after {@code )} was appended. */
  void close() {
    if (depth == 0) {
      return; // unbalanced text: leave it as it is
    }
    int open = opens[--depth];
    if (wordBeforeIs(open, "IN") && onlyPlaceholders(open + 1, out.length() - 1)) {
      out.setLength(open);
      out.append("(?)");
    } else if (wordBeforeIs(open, "VALUES")) {
      tupleStart = open;
      tupleEnd = out.length();
    } else if (tupleEnd >= 0 && isRepeatedTuple(open)) {
      out.setLength(tupleEnd);
    }
  }

  /** {@code , (...)} right after the kept tuple, with the same text as that tuple. */
  private boolean isRepeatedTuple(int open) {
    int between = open - tupleEnd;
    boolean adjacent = (between == 1 && out.charAt(tupleEnd) == ',')
        || (between == 2 && out.charAt(tupleEnd) == ',' && out.charAt(tupleEnd + 1) == ' ')
        || (between == 2 && out.charAt(tupleEnd) == ' ' && out.charAt(tupleEnd + 1) == ',')
        || (between == 3 && out.charAt(tupleEnd) == ' ' && out.charAt(tupleEnd + 1) == ','
            && out.charAt(tupleEnd + 2) == ' ');
    if (!adjacent || out.length() - open != tupleEnd - tupleStart) {
      return false;
    }
    for (int k = 0; k < tupleEnd - tupleStart; k++) {
      if (out.charAt(open + k) != out.charAt(tupleStart + k)) {
        return false;
      }
    }
    return true;
  }

  private boolean onlyPlaceholders(int from, int to) {
    boolean any = false;
    for (int k = from; k < to; k++) {
      char c = out.charAt(k);
      if (c == '?') {
        any = true;
      } else if (c != ',' && c != ' ') {
        return false;
      }
    }
    return any;
  }

  private boolean wordBeforeIs(int open, String keyword) {
    int end = open > 0 && out.charAt(open - 1) == ' ' ? open - 1 : open;
    int start = end - keyword.length();
    if (start < 0) {
      return false;
    }
    for (int k = 0; k < keyword.length(); k++) {
      if (Character.toUpperCase(out.charAt(start + k)) != keyword.charAt(k)) {
        return false;
      }
    }
    return start == 0 || !SqlNormalizer.isIdentifierPart(out.charAt(start - 1));
  }
}
