package io.perfwatch.exporter.internal.jdbc;

import java.util.Objects;

/**
 * What a SQL statement looks like without its values: the fingerprint plus the two labels derived from it.
 *
 * @param normalizedSql the statement with every literal and bind value replaced by {@code ?}
 * @param operation one of {@link #SELECT}, {@link #INSERT}, {@link #UPDATE}, {@link #DELETE}, {@link #OTHER}
 * @param table primary table, lower case, {@code schema.table} when qualified, or {@link #UNKNOWN_TABLE}
 */
public record QueryShape(String normalizedSql, String operation, String table) {
  public static final String SELECT = "SELECT";
  public static final String INSERT = "INSERT";
  public static final String UPDATE = "UPDATE";
  public static final String DELETE = "DELETE";
  public static final String OTHER = "OTHER";
  public static final String UNKNOWN_TABLE = "unknown";

  public QueryShape {
    Objects.requireNonNull(normalizedSql, "normalizedSql");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(table, "table");
  }
}
