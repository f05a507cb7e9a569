package io.perfwatch.exporter.internal.jdbc;

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

  /**
   * The shape, and whether a literal value or a comment was removed: only texts without either may be kept in a
   * cache, as those could hold data.
   */
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
          literals = true; // comments may carry per-request data (trace ids, names): never cache such texts
        } else if (c == '/' && next == '*') {
          i = SqlLexemes.blockCommentEnd(sql, i);
          pendingSpace = true;
          literals = true;
        } else if (c == '\'') {
          stringLiteral(false);
        } else if (c == '"' || c == '`') {
          quotedIdentifier();
        } else if (isIdentifierStart(c)) {
          word();
        } else if (SqlLexemes.isDigit(c)
            || (c == '.' && SqlLexemes.isDigit(next) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1))))) {
          i = SqlLexemes.numberEnd(sql, i);
          literal();
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
      i = SqlLexemes.stringEnd(sql, i, backslashEscapes);
      literalOrUnterminated();
    }

    private void quotedIdentifier() {
      int start = i;
      i = SqlLexemes.quotedEnd(sql, start);
      if (i == SqlLexemes.UNTERMINATED) {
        unterminated();
        return;
      }
      emitSpace();
      out.append(sql, start, i);
      classifier.quoted(sql, start + 1, i - 1);
    }

    /** {@code $1} is a PostgreSQL parameter; {@code $$...$$} and {@code $tag$...$tag$} are dollar-quoted strings. */
    private void dollar(char next) {
      if (SqlLexemes.isDigit(next)) {
        i = SqlLexemes.digitsEnd(sql, i + 1);
        emitSpace();
        out.append('?');
        classifier.other();
        return;
      }
      int end = SqlLexemes.dollarQuoteEnd(sql, i);
      if (end == i) {
        punctuation('$');
      } else {
        i = end;
        literalOrUnterminated();
      }
    }

    private void literalOrUnterminated() {
      if (i == SqlLexemes.UNTERMINATED) {
        unterminated();
      } else {
        literal();
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
    return isIdentifierStart(c) || SqlLexemes.isDigit(c) || c == '$';
  }
}
