package io.perfwatch.rules.engine;

import io.perfwatch.rules.schema.IndexCatalog;
import io.perfwatch.rules.schema.TableIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the columns a normalized statement filters on: identifiers compared to a bind value ({@code ?}) in its
 * WHERE clause. Equality columns come first, then the ORDER BY columns (so the index also returns rows in order),
 * then range columns: the order a composite index serves them. Checked against the table's real indexes when the
 * schema is known: an index whose leading columns are the equality columns, or a unique one (the primary key) on
 * some of them, already serves the statement, and no index is suggested.
 */
final class IndexAdvice {
  private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b(.*?)(?:\\b(?:GROUP\\s+BY|ORDER\\s+BY|LIMIT"
      + "|OFFSET|HAVING|FOR\\s+UPDATE|RETURNING|UNION)\\b|$)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern COMPARISON = Pattern.compile("([A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*)?)\\s*"
      + "(=|<>|!=|<=|>=|<|>|\\bNOT\\s+IN\\b|\\bIN\\b|\\bNOT\\s+LIKE\\b|\\bI?LIKE\\b|\\bBETWEEN\\b)\\s*\\(?\\s*\\?",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern ORDER_BY = Pattern.compile("\\bORDER\\s+BY\\b(.*?)(?:\\b(?:LIMIT|OFFSET|FETCH"
      + "|FOR\\s+UPDATE|RETURNING)\\b|\\)|$)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ORDER_ITEM = Pattern.compile("\\s*([A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*)?)"
      + "(?:\\s+(?:ASC|DESC))?(?:\\s+NULLS\\s+(?:FIRST|LAST))?\\s*", Pattern.CASE_INSENSITIVE);

  private IndexAdvice() {}

  /**
   * What to do about the statement's indexes.
   *
   * @param createIndex the index to create, or empty when none applies
   * @param served the existing index that already serves the filter, or empty
   * @param checked whether the table's indexes were known: if not, {@code createIndex} may already exist
   */
  record Advice(String createIndex, String served, boolean checked) {}

  /** The advice for a statement on {@code table}, checked against its known indexes. */
  static Advice advise(String normalizedSql, String table, IndexCatalog catalog) {
    List<String> equality = new ArrayList<>();
    List<String> columns = indexColumns(normalizedSql, equality);
    Optional<List<TableIndex>> known = catalog.indexes(table);
    if (columns.isEmpty()) {
      return new Advice("", "", known.isPresent());
    }
    for (TableIndex index : known.orElse(List.of())) {
      if (serves(index, equality, columns)) {
        return new Advice("", index.name() + " (" + String.join(", ", index.columns()) + ")", true);
      }
    }
    return new Advice(createIndex(table, columns), "", known.isPresent());
  }

  /** Equality columns (also added to {@code equality}), then ORDER BY columns, then range columns. */
  static List<String> indexColumns(String normalizedSql, List<String> equality) {
    Set<String> range = new LinkedHashSet<>();
    Set<String> eq = new LinkedHashSet<>();
    Matcher where = WHERE.matcher(normalizedSql);
    if (where.find()) {
      Matcher m = COMPARISON.matcher(where.group(1));
      while (m.find()) {
        String op = m.group(2).toUpperCase(Locale.ROOT);
        (op.equals("=") || op.equals("IN") ? eq : range).add(column(m.group(1)));
      }
    }
    if (eq.isEmpty() && range.isEmpty()) {
      return List.of(); // ordering alone: an index would mean a full index scan, rarely the fix
    }
    equality.addAll(eq);
    Set<String> columns = new LinkedHashSet<>(eq);
    columns.addAll(orderByColumns(normalizedSql));
    columns.addAll(range);
    return List.copyOf(columns);
  }

  /** The plain columns of the ORDER BY, up to the first expression. */
  static List<String> orderByColumns(String normalizedSql) {
    Matcher order = ORDER_BY.matcher(normalizedSql);
    if (!order.find()) {
      return List.of();
    }
    List<String> columns = new ArrayList<>();
    for (String item : order.group(1).split(",")) {
      Matcher m = ORDER_ITEM.matcher(item);
      if (!m.matches()) {
        break;
      }
      columns.add(column(m.group(1)));
    }
    return columns;
  }

  /** A unique index on equality columns finds one row; another index serves when it starts with all of them. */
  private static boolean serves(TableIndex index, List<String> equality, List<String> columns) {
    if (index.unique() && !equality.isEmpty() && equality.containsAll(index.columns())) {
      return true;
    }
    int leading = equality.isEmpty() ? 1 : equality.size();
    if (index.columns().size() < leading) {
      return false;
    }
    Set<String> prefix = new LinkedHashSet<>(index.columns().subList(0, leading));
    return equality.isEmpty() ? prefix.contains(columns.get(0)) : prefix.equals(new LinkedHashSet<>(equality));
  }

  private static String column(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

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
