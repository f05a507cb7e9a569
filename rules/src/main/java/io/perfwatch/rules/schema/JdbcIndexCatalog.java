package io.perfwatch.rules.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the primary keys and indexes of the tables of the connection's current schema through
 * {@link DatabaseMetaData}, on its own daemon thread at start and every {@value #REFRESH_MINUTES} minutes, never
 * on a request or evaluation thread. Lookups answer from the last reading (empty before the first one finishes).
 * At most {@value #MAX_TABLES} tables are read.
 */
public final class JdbcIndexCatalog implements IndexCatalog, AutoCloseable {
  static final int MAX_TABLES = 1_000;
  static final int REFRESH_MINUTES = 10;
  private static final Logger LOG = LoggerFactory.getLogger(JdbcIndexCatalog.class);

  private final DataSource dataSource;
  private volatile Map<String, List<TableIndex>> tables = Map.of();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "perfwatch-index-catalog");
    t.setDaemon(true);
    return t;
  });

  private JdbcIndexCatalog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Starts reading the schema in the background. */
  public static JdbcIndexCatalog start(DataSource dataSource) {
    JdbcIndexCatalog catalog = new JdbcIndexCatalog(dataSource);
    catalog.executor.scheduleWithFixedDelay(catalog::refreshQuietly, 0, REFRESH_MINUTES, TimeUnit.MINUTES);
    return catalog;
  }

  @Override
  public Optional<List<TableIndex>> indexes(String table) {
    return Optional.ofNullable(tables.get(table.toLowerCase(Locale.ROOT)));
  }

  /** Reads the schema now, on the calling thread; for tests and the first reading. */
  public void refresh() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      tables = read(c.getMetaData(), c.getCatalog(), c.getSchema());
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("could not read the database's indexes for index advice ({}); advice stays unchecked until the "
          + "next try in {} minutes", e.getClass().getSimpleName(), REFRESH_MINUTES);
    }
  }

  static Map<String, List<TableIndex>> read(DatabaseMetaData meta, String catalog, String schema)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = meta.getTables(catalog, schema, "%", null)) {
      while (rs.next() && names.size() < MAX_TABLES) {
        String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
        if (type.contains("TABLE") && !type.contains("SYSTEM") && !type.contains("TEMPORARY")) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    Map<String, List<TableIndex>> read = new LinkedHashMap<>();
    for (String name : names) {
      read.put(name.toLowerCase(Locale.ROOT), indexes(meta, catalog, schema, name));
    }
    return Map.copyOf(read);
  }

  private static List<TableIndex> indexes(DatabaseMetaData meta, String catalog, String schema, String table)
      throws SQLException {
    Map<Short, String> pk = new java.util.TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
      while (rs.next()) {
        pk.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    Map<String, Map<Short, String>> columns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, true)) {
      while (rs.next()) {
        String index = rs.getString("INDEX_NAME");
        String column = rs.getString("COLUMN_NAME");
        if (index == null || column == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
          continue;
        }
        columns.computeIfAbsent(index, k -> new java.util.TreeMap<>())
            .put(rs.getShort("ORDINAL_POSITION"), column.toLowerCase(Locale.ROOT));
        unique.put(index, !rs.getBoolean("NON_UNIQUE"));
      }
    }
    List<TableIndex> indexes = new ArrayList<>();
    if (!pk.isEmpty()) {
      indexes.add(new TableIndex("PRIMARY KEY", List.copyOf(pk.values()), true));
    }
    columns.forEach((name, cols) -> indexes.add(new TableIndex(name, List.copyOf(cols.values()), unique.get(name))));
    return indexes;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
