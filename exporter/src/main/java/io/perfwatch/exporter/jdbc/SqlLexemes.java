package io.perfwatch.exporter.jdbc;

/**
 * Where a literal, quoted identifier or comment that starts at a given index ends. Each method returns the index just
 * past the lexeme, or {@link #UNTERMINATED} when the text ends first.
 */
final class SqlLexemes {
  static final int UNTERMINATED = -1;

  private SqlLexemes() {}

  /** {@code sql.charAt(i)} is the opening {@code '}; {@code ''} escapes a quote, and {@code \} too in E'...'. */
  static int stringEnd(String sql, int i, boolean backslashEscapes) {
    int n = sql.length();
    for (int k = i + 1; k < n; k++) {
      char c = sql.charAt(k);
      if (backslashEscapes && c == '\\') {
        k++;
      } else if (c == '\'') {
        if (k + 1 < n && sql.charAt(k + 1) == '\'') {
          k++;
        } else {
          return k + 1;
        }
      }
    }
    return UNTERMINATED;
  }

  /** {@code "ident"} or {@code `ident`}, a doubled quote escaping itself. */
  static int quotedEnd(String sql, int i) {
    char quote = sql.charAt(i);
    int n = sql.length();
    for (int k = i + 1; k < n; k++) {
      if (sql.charAt(k) == quote) {
        if (k + 1 < n && sql.charAt(k + 1) == quote) {
          k++;
        } else {
          return k + 1;
        }
      }
    }
    return UNTERMINATED;
  }

  /** The end of {@code $$...$$} or {@code $tag$...$tag$} starting at {@code i}; {@code i} itself if it is none. */
  static int dollarQuoteEnd(String sql, int i) {
    int n = sql.length();
    int tagEnd = i + 1;
    while (tagEnd < n && sql.charAt(tagEnd) != '$' && SqlNormalizer.isIdentifierPart(sql.charAt(tagEnd))) {
      tagEnd++;
    }
    if (tagEnd >= n || sql.charAt(tagEnd) != '$') {
      return i;
    }
    String delimiter = sql.substring(i, tagEnd + 1);
    int close = sql.indexOf(delimiter, tagEnd + 1);
    return close < 0 ? UNTERMINATED : close + delimiter.length();
  }

  /** Integers, decimals ({@code 1.5}, {@code .5}), exponents ({@code 2.5E-3}) and hex ({@code 0x1F}). */
  static int numberEnd(String sql, int i) {
    int n = sql.length();
    if (sql.charAt(i) == '0' && i + 2 < n && (sql.charAt(i + 1) | 0x20) == 'x'
        && Character.digit(sql.charAt(i + 2), 16) >= 0) {
      int k = i + 2;
      while (k < n && Character.digit(sql.charAt(k), 16) >= 0) {
        k++;
      }
      return k;
    }
    int k = digitsEnd(sql, i);
    if (k < n && sql.charAt(k) == '.') {
      k = digitsEnd(sql, k + 1);
    }
    if (k + 1 < n && (sql.charAt(k) | 0x20) == 'e') {
      int exponent = sql.charAt(k + 1) == '+' || sql.charAt(k + 1) == '-' ? k + 2 : k + 1;
      if (exponent < n && isDigit(sql.charAt(exponent))) {
        k = digitsEnd(sql, exponent);
      }
    }
    return k;
  }

  /** A block comment at {@code i}; PostgreSQL nests them. An unterminated one runs to the end. */
  static int blockCommentEnd(String sql, int i) {
    int depth = 0;
    int k = i;
    while (k < sql.length()) {
      if (sql.startsWith("/*", k)) {
        depth++;
        k += 2;
      } else if (sql.startsWith("*/", k)) {
        k += 2;
        if (--depth == 0) {
          return k;
        }
      } else {
        k++;
      }
    }
    return k;
  }

  static int digitsEnd(String sql, int i) {
    int k = i;
    while (k < sql.length() && isDigit(sql.charAt(k))) {
      k++;
    }
    return k;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
