package io.perfwatch.rules.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the columns a normalized statement filters on: identifiers compared to a bind value ({@code ?}) in its
 * WHERE clause. Equality columns come before range columns, the order a composite index serves both.
 */
final class IndexAdvice {
  private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b(.*?)(?:\\b(?:GROUP\\s+BY|ORDER\\s+BY|LIMIT"
      + "|OFFSET|HAVING|FOR\\s+UPDATE|RETURNING|UNION)\\b|$)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern COMPARISON = Pattern.compile("([A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*)?)\\s*"
      + "(=|<>|!=|<=|>=|<|>|\\bNOT\\s+IN\\b|\\bIN\\b|\\bNOT\\s+LIKE\\b|\\bI?LIKE\\b|\\bBETWEEN\\b)\\s*\\(?\\s*\\?",
      Pattern.CASE_INSENSITIVE);

  private IndexAdvice() {}

  /** Filtered columns, equality first, without table aliases; empty when nothing is compared to a bind value. */
  static List<String> filteredColumns(String normalizedSql) {
    Matcher where = WHERE.matcher(normalizedSql);
    if (!where.find()) {
      return List.of();
    }
    Set<String> equality = new LinkedHashSet<>();
    Set<String> range = new LinkedHashSet<>();
    Matcher m = COMPARISON.matcher(where.group(1));
    while (m.find()) {
      String column = m.group(1).substring(m.group(1).lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      String op = m.group(2).toUpperCase(Locale.ROOT);
      (op.equals("=") || op.equals("IN") ? equality : range).add(column);
    }
    range.removeAll(equality);
    List<String> columns = new ArrayList<>(equality);
    columns.addAll(range);
    return columns;
  }

  /** {@code CREATE INDEX ON transactions (user_id, created_at)}, or empty when there is nothing to index. */
  static String createIndex(String table, List<String> columns) {
    return columns.isEmpty() ? "" : "CREATE INDEX ON " + table + " (" + String.join(", ", columns) + ")";
  }
}
