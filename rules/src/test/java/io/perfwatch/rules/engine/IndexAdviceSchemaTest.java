package io.perfwatch.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.rules.schema.IndexCatalog;
import io.perfwatch.rules.schema.JdbcIndexCatalog;
import io.perfwatch.rules.schema.TableIndex;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Index advice checked against the indexes a real database reports through DatabaseMetaData: H2 here, PostgreSQL
 * in {@link PostgresIndexAdviceTest}.
 */
class IndexAdviceSchemaTest {
  /** The schema every database test uses: a primary key, a composite index, a unique column. */
  static final List<String> DDL = List.of(
      "CREATE TABLE accounts (id BIGINT PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE)",
      "CREATE TABLE transactions (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, category_id BIGINT, "
          + "amount DECIMAL(12, 2), created_at TIMESTAMP NOT NULL)",
      "CREATE INDEX idx_tx_user_created ON transactions (user_id, created_at)");

  private Connection keepAlive;
  private JdbcIndexCatalog catalog;

  /** A fresh, empty database (schema) to create the tables in. */
  DataSource database() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:index-advice-" + System.nanoTime());
    return h2;
  }

  @BeforeEach
  void createSchema() throws SQLException {
    DataSource database = database();
    keepAlive = database.getConnection();
    try (Statement s = keepAlive.createStatement()) {
      for (String ddl : DDL) {
        s.execute(ddl);
      }
    }
    catalog = JdbcIndexCatalog.start(database);
    catalog.refresh();
  }

  @AfterEach
  void close() throws SQLException {
    catalog.close();
    keepAlive.close();
  }

  @Test
  void readsPrimaryKeysAndIndexes() {
    assertThat(catalog.indexes("TRANSACTIONS").orElseThrow()).extracting(TableIndex::columns)
        .contains(List.of("id"), List.of("user_id", "created_at"));
    assertThat(catalog.indexes("accounts").orElseThrow()).filteredOn(TableIndex::unique)
        .extracting(TableIndex::columns).contains(List.of("id"), List.of("email"));
    assertThat(catalog.indexes("nothing")).isEmpty();
  }

  @Test
  void primaryKeyLookupsNeedNoIndex() {
    assertAdvice(catalog, "SELECT * FROM transactions WHERE id = ?", "transactions", "", "PRIMARY KEY (id)");
    assertAdvice(catalog, "UPDATE accounts SET email = ? WHERE id = ? AND email = ?", "accounts", "",
        "PRIMARY KEY (id)");
  }

  @Test
  void anIndexStartingWithTheEqualityColumnsServesTheFilter() {
    IndexAdvice.Advice advice = IndexAdvice.advise(
        "SELECT * FROM transactions t WHERE t.user_id = ? AND t.created_at > ? ORDER BY t.created_at DESC",
        "transactions", catalog);

    assertThat(advice.createIndex()).isEmpty();
    assertThat(advice.served()).isEqualToIgnoringCase("idx_tx_user_created (user_id, created_at)");
  }

  @Test
  void suggestsEqualityThenOrderByColumnsWhenNoIndexServes() {
    assertAdvice(catalog, "SELECT * FROM transactions WHERE category_id = ? ORDER BY created_at DESC, amount LIMIT ?",
        "transactions", "CREATE INDEX ON transactions (category_id, created_at, amount)", "");
    assertAdvice(catalog, "SELECT * FROM transactions WHERE amount > ? AND category_id = ? ORDER BY lower(x), id",
        "transactions", "CREATE INDEX ON transactions (category_id, amount)", "");
  }

  @Test
  void saysWhenNoAdviceApplies() {
    assertAdvice(catalog, "SELECT * FROM transactions ORDER BY created_at", "transactions", "", "");
    assertAdvice(IndexCatalog.NONE, "SELECT * FROM transactions WHERE id = ?", "transactions",
        "CREATE INDEX ON transactions (id)", ""); // no schema known: the advice cannot be checked
  }

  static void assertAdvice(IndexCatalog catalog, String sql, String table, String createIndex, String served) {
    IndexAdvice.Advice advice = IndexAdvice.advise(sql, table, catalog);
    assertThat(advice.createIndex()).as(sql).isEqualTo(createIndex);
    assertThat(advice.served()).as(sql).isEqualToIgnoringCase(served);
  }
}
