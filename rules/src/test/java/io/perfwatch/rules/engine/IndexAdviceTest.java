package io.perfwatch.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexAdviceTest {

  @Test
  void equalityColumnsComeBeforeRangeColumns() {
    assertThat(IndexAdvice.filteredColumns(
        "SELECT * FROM transactions WHERE created_at >= ? AND user_id = ? AND status IN (?) ORDER BY id"))
        .containsExactly("user_id", "status", "created_at");
  }

  @Test
  void aliasesAndCaseAreNormalizedAndDuplicatesDropped() {
    assertThat(IndexAdvice.filteredColumns("select t.id from Orders t where T.Customer_Id = ? and t.customer_id = ?"))
        .containsExactly("customer_id");
  }

  @Test
  void onlyTheWhereClauseCounts() {
    assertThat(IndexAdvice.filteredColumns("UPDATE accounts SET balance = ? WHERE id = ?")).containsExactly("id");
    assertThat(IndexAdvice.filteredColumns("SELECT * FROM a JOIN b ON a.id = b.a_id LIMIT ?")).isEmpty();
    assertThat(IndexAdvice.filteredColumns("SELECT * FROM users WHERE name LIKE ? GROUP BY x HAVING count(*) > ?"))
        .containsExactly("name");
  }

  @Test
  void createIndexNamesTableAndColumns() {
    assertThat(IndexAdvice.createIndex("transactions", List.of("user_id", "created_at")))
        .isEqualTo("CREATE INDEX ON transactions (user_id, created_at)");
    assertThat(IndexAdvice.createIndex("transactions", List.of())).isEmpty();
  }
}
