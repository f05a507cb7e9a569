package io.perfwatch.rules.schema;

import java.util.List;
import java.util.Optional;

/** The indexes of the monitored database's tables, as far as they are known; answers from memory, never blocks. */
@FunctionalInterface
public interface IndexCatalog {
  /** No schema to read (a scrape or Prometheus source, or none configured): advice cannot be checked. */
  IndexCatalog NONE = table -> Optional.empty();

  /** The table's indexes, primary key included; empty when the table (or the whole schema) is unknown. */
  Optional<List<TableIndex>> indexes(String table);
}
