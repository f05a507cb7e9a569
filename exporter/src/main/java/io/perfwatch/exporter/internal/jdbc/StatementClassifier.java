package io.perfwatch.exporter.internal.jdbc;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds the operation and primary table from the token stream of {@link SqlNormalizer}, so that classification
 * costs no second pass. Only tokens at the statement's own paren depth count: CTE bodies and subqueries are skipped.
 */
final class StatementClassifier {
  private enum State { NONE, SEEK_KEYWORD, EXPECT_TABLE, IN_SUBQUERY, AFTER_SUBQUERY, TABLE, DONE }

  private static final String[] OPERATIONS = {QueryShape.SELECT, QueryShape.INSERT, QueryShape.UPDATE,
      QueryShape.DELETE};
  private static final String[] JOIN_MODIFIERS = {"LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL"};
  private static final String[] CLAUSES = {"WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH", "UNION",
      "INTERSECT", "EXCEPT", "WINDOW", "FOR", "ON", "USING", "RETURNING"};

  private int depth;
  /** Depth of the first word: {@code (SELECT ...) UNION (...)} starts one level down. */
  private int base = -1;
  private boolean with;
  private @Nullable String operation;
  private State state = State.NONE;
  private @Nullable StringBuilder table;
  private boolean afterDot;

  String operation() {
    return operation == null ? QueryShape.OTHER : operation;
  }

  String table() {
    return table == null ? QueryShape.UNKNOWN_TABLE : table.toString();
  }

  void word(String sql, int start, int end) {
    if (base < 0) {
      base = depth;
    }
    if (operation == null) {
      if (depth == base) {
        chooseOperation(sql, start, end);
      }
      return;
    }
    switch (state) {
      case SEEK_KEYWORD -> {
        if (depth == base && is(sql, start, end, QueryShape.INSERT.equals(operation) ? "INTO" : "FROM")) {
          state = State.EXPECT_TABLE;
        }
      }
      case EXPECT_TABLE -> {
        if (!is(sql, start, end, "ONLY") && !is(sql, start, end, "LATERAL")) {
          identifier(sql, start, end);
        }
      }
      case TABLE -> identifier(sql, start, end);
      case AFTER_SUBQUERY -> afterSubquery(sql, start, end);
      default -> { }
    }
  }

  /** A quoted identifier; {@code start..end} excludes the quotes. */
  void quoted(String sql, int start, int end) {
    if (state == State.EXPECT_TABLE || state == State.TABLE) {
      identifier(sql, start, end);
    }
  }

  void open() {
    depth++;
    if (state == State.EXPECT_TABLE) {
      state = State.IN_SUBQUERY;
    } else if (state == State.TABLE) {
      state = State.DONE;
    }
  }

  void close() {
    depth--;
    if (state == State.IN_SUBQUERY && depth == base) {
      state = State.AFTER_SUBQUERY;
    }
  }

  void dot() {
    if (state == State.TABLE) {
      afterDot = true;
    }
  }

  void comma() {
    if (state == State.AFTER_SUBQUERY && depth == base) {
      state = State.EXPECT_TABLE;
    } else {
      other();
    }
  }

  /** Any other token: an operator, a placeholder, a semicolon. */
  void other() {
    if (state == State.TABLE || state == State.EXPECT_TABLE) {
      state = State.DONE;
    }
  }

  private void chooseOperation(String sql, int start, int end) {
    String keyword = null;
    for (String candidate : OPERATIONS) {
      if (is(sql, start, end, candidate)) {
        keyword = candidate;
      }
    }
    if (keyword == null) {
      if (!with && is(sql, start, end, "WITH")) {
        with = true;
      } else if (!with) {
        operation = QueryShape.OTHER;
        state = State.DONE;
      }
      return;
    }
    operation = keyword;
    state = QueryShape.UPDATE.equals(keyword) ? State.EXPECT_TABLE : State.SEEK_KEYWORD;
  }

  private void identifier(String sql, int start, int end) {
    String part = sql.substring(start, end).toLowerCase(Locale.ROOT);
    if (state == State.EXPECT_TABLE) {
      table = new StringBuilder(part);
      state = State.TABLE;
    } else if (afterDot && table != null) {
      table.append('.').append(part);
      afterDot = false;
    } else {
      state = State.DONE; // an alias: the name is complete
    }
  }

  private void afterSubquery(String sql, int start, int end) {
    if (depth != base) {
      return;
    }
    if (is(sql, start, end, "JOIN")) {
      state = State.EXPECT_TABLE;
    } else if (!is(sql, start, end, "AS") && !isJoinModifier(sql, start, end) && isClauseKeyword(sql, start, end)) {
      state = State.DONE;
    }
  }

  private static boolean isJoinModifier(String sql, int start, int end) {
    return isAny(sql, start, end, JOIN_MODIFIERS);
  }

  private static boolean isClauseKeyword(String sql, int start, int end) {
    return isAny(sql, start, end, CLAUSES);
  }

  private static boolean isAny(String sql, int start, int end, String[] keywords) {
    for (String k : keywords) {
      if (is(sql, start, end, k)) {
        return true;
      }
    }
    return false;
  }

  private static boolean is(String sql, int start, int end, String keyword) {
    return end - start == keyword.length() && sql.regionMatches(true, start, keyword, 0, keyword.length());
  }
}
