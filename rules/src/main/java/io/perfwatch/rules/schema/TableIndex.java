package io.perfwatch.rules.schema;

import java.util.List;
import java.util.Objects;

/**
 * One index of a table, its columns in index order, lower case.
 *
 * @param name the index's name ({@code PRIMARY KEY} for a primary key the database reports without an index)
 * @param unique whether it allows one row per key (a primary key is unique)
 */
public record TableIndex(String name, List<String> columns, boolean unique) {

  public TableIndex {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
  }
}
