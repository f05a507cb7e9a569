package io.perfwatch.exporter.internal.jdbc;

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

  /**
   * Integers, decimals ({@code 1.5}, {@code .5}), exponents ({@code 2.5E-3}), hex ({@code 0x1F}), and the octal and
   * binary integers ({@code 0o17}, {@code 0b101}) and digit separators ({@code 4111_1111_1111_1111},
   * {@code 0xFFFF_FFFF}, {@code 1_000.000_1}) of H2 2 and PostgreSQL 16: a separator is part of the number, or the
   * digits after it would show.
   */
  static int numberEnd(String sql, int i) {
    int n = sql.length();
    int radix = sql.charAt(i) != '0' || i + 1 >= n ? 0 : switch (sql.charAt(i + 1) | 0x20) {
      case 'x' -> 16;
      case 'o' -> 8;
      case 'b' -> 2;
      default -> 0;
    };
    if (radix > 0) {
      int k = radixDigitsEnd(sql, i + 2, radix);
      if (k > i + 2) {
        return k;
      }
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

  /** Digits of {@code radix} from {@code i}, with '_' separators before a digit (also right after the prefix). */
  private static int radixDigitsEnd(String sql, int i, int radix) {
    int k = i;
    while (k < sql.length() && (Character.digit(sql.charAt(k), radix) >= 0
        || (sql.charAt(k) == '_' && k + 1 < sql.length() && Character.digit(sql.charAt(k + 1), radix) >= 0))) {
      k++;
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

  /** Decimal digits from {@code i}, with '_' separators between them. */
  static int digitsEnd(String sql, int i) {
    int k = i;
    while (k < sql.length() && (isDigit(sql.charAt(k))
        || (k > i && sql.charAt(k) == '_' && k + 1 < sql.length() && isDigit(sql.charAt(k + 1))))) {
      k++;
    }
    return k;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
