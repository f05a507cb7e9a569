package io.perfwatch.exporter.jdbc;

/**
 * Turns SQL text into a {@link QueryShape} in a single pass: literals and bind values become {@code ?}, IN-lists and
 * multi-row VALUES collapse to one element, comments go, whitespace collapses. A scanner instead of regular
 * expressions, because regexes cannot follow quoting (a {@code --} inside a string is not a comment) and cost a pass
 * each. Anything after an unterminated quote becomes a single {@code ?}: a broken literal must not leak.
 */
public final class SqlNormalizer {
  private final int maxLength;

  public SqlNormalizer(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
    }
    this.maxLength = maxLength;
  }

  public QueryShape normalize(String sql) {
    return scan(sql).shape();
  }

  /** The shape, and whether a literal value was replaced: only literal-free texts may be kept in a cache. */
  record Result(QueryShape shape, boolean literalsReplaced) {}

  Result scan(String sql) {
    Scan scan = new Scan(sql);
    scan.run();
    StringBuilder out = scan.out;
    if (out.length() > maxLength) {
      out.setLength(maxLength);
    }
    QueryShape shape = new QueryShape(out.toString().strip(), scan.classifier.operation(), scan.classifier.table());
    return new Result(shape, scan.literals);
  }

  private static final class Scan {
    private final String sql;
    private final int n;
    private final StringBuilder out;
    private final StatementClassifier classifier = new StatementClassifier();
    private final ParenCollapser parens;
    private int i;
    private boolean pendingSpace;
    private boolean literals;

    Scan(String sql) {
      this.sql = sql;
      this.n = sql.length();
      this.out = new StringBuilder(Math.min(n, 4096));
      this.parens = new ParenCollapser(out);
    }

    void run() {
      while (i < n) {
        char c = sql.charAt(i);
        char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
        if (Character.isWhitespace(c)) {
          pendingSpace = true;
          i++;
        } else if (c == '-' && next == '-') {
          int eol = sql.indexOf('\n', i);
          i = eol < 0 ? n : eol + 1;
          pendingSpace = true;
        } else if (c == '/' && next == '*') {
          skipBlockComment();
        } else if (c == '\'') {
          stringLiteral(false);
        } else if (c == '"' || c == '`') {
          quotedIdentifier(c);
        } else if (isIdentifierStart(c)) {
          word();
        } else if (isDigit(c) || (c == '.' && isDigit(next) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1))))) {
          number();
        } else if (c == '$') {
          dollar(next);
        } else {
          punctuation(c);
        }
      }
    }

    private void punctuation(char c) {
      emitSpace();
      out.append(c);
      i++;
      switch (c) {
        case '?' -> classifier.other();
        case '(' -> {
          parens.open();
          classifier.open();
        }
        case ')' -> {
          parens.close();
          classifier.close();
        }
        case ',' -> classifier.comma();
        case '.' -> classifier.dot();
        default -> classifier.other();
      }
    }

    private void word() {
      int start = i;
      while (i < n && isIdentifierPart(sql.charAt(i))) {
        i++;
      }
      if (i < n && i - start == 1) {
        char prefix = Character.toUpperCase(sql.charAt(start));
        char quote = sql.charAt(i);
        if (quote == '\'' && (prefix == 'E' || prefix == 'N' || prefix == 'X' || prefix == 'B')) {
          stringLiteral(prefix == 'E'); // E'...' is PostgreSQL's escape string; the others are N, hex and bit strings
          return;
        }
        if (prefix == 'U' && quote == '&' && i + 1 < n && sql.charAt(i + 1) == '\'') {
          i++;
          stringLiteral(false);
          return;
        }
      }
      emitSpace();
      out.append(sql, start, i);
      classifier.word(sql, start, i);
    }

    private void stringLiteral(boolean backslashEscapes) {
      i++; // opening quote
      while (i < n) {
        char c = sql.charAt(i);
        if (backslashEscapes && c == '\\') {
          i += 2;
        } else if (c == '\'') {
          if (i + 1 < n && sql.charAt(i + 1) == '\'') {
            i += 2;
          } else {
            i++;
            literal();
            return;
          }
        } else {
          i++;
        }
      }
      unterminated();
    }

    private void quotedIdentifier(char quote) {
      int start = i++;
      while (i < n) {
        if (sql.charAt(i) == quote) {
          if (i + 1 < n && sql.charAt(i + 1) == quote) {
            i += 2;
            continue;
          }
          i++;
          emitSpace();
          out.append(sql, start, i);
          classifier.quoted(sql, start + 1, i - 1);
          return;
        }
        i++;
      }
      unterminated();
    }

    private void number() {
      if (sql.charAt(i) == '0' && i + 2 < n && (sql.charAt(i + 1) | 0x20) == 'x'
          && Character.digit(sql.charAt(i + 2), 16) >= 0) {
        i += 2;
        while (i < n && Character.digit(sql.charAt(i), 16) >= 0) {
          i++;
        }
      } else {
        skipDigits();
        if (i < n && sql.charAt(i) == '.') {
          i++;
          skipDigits();
        }
        if (i + 1 < n && (sql.charAt(i) | 0x20) == 'e') {
          int exponent = sql.charAt(i + 1) == '+' || sql.charAt(i + 1) == '-' ? i + 2 : i + 1;
          if (exponent < n && isDigit(sql.charAt(exponent))) {
            i = exponent;
            skipDigits();
          }
        }
      }
      literal();
    }

    /** {@code $1} is a PostgreSQL parameter; {@code $$...$$} and {@code $tag$...$tag$} are dollar-quoted strings. */
    private void dollar(char next) {
      if (isDigit(next)) {
        i++;
        skipDigits();
        emitSpace();
        out.append('?');
        classifier.other();
        return;
      }
      int tagEnd = i + 1;
      while (tagEnd < n && sql.charAt(tagEnd) != '$' && isIdentifierPart(sql.charAt(tagEnd))) {
        tagEnd++;
      }
      if (tagEnd >= n || sql.charAt(tagEnd) != '$') {
        punctuation('$');
        return;
      }
      String delimiter = sql.substring(i, tagEnd + 1);
      int close = sql.indexOf(delimiter, tagEnd + 1);
      if (close < 0) {
        unterminated();
        return;
      }
      i = close + delimiter.length();
      literal();
    }

    private void skipBlockComment() {
      int depth = 0; // PostgreSQL nests block comments
      while (i < n) {
        if (sql.startsWith("/*", i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith("*/", i)) {
          i += 2;
          if (--depth == 0) {
            break;
          }
        } else {
          i++;
        }
      }
      pendingSpace = true;
    }

    private void skipDigits() {
      while (i < n && isDigit(sql.charAt(i))) {
        i++;
      }
    }

    private void literal() {
      literals = true;
      emitSpace();
      out.append('?');
      classifier.other();
    }

    private void unterminated() {
      literal();
      i = n;
    }

    private void emitSpace() {
      if (pendingSpace && !out.isEmpty()) {
        out.append(' ');
      }
      pendingSpace = false;
    }
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c) || c == '$';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
