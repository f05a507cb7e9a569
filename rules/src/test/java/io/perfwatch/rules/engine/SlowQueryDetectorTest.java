package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.ScopeLabels;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.schema.IndexCatalog;
import io.perfwatch.rules.schema.TableIndex;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.SeverityLadder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlowQueryDetectorTest {
  private static final String SQL =
      "SELECT * FROM transactions t WHERE t.user_id = ? AND t.created_at > ? ORDER BY t.created_at DESC LIMIT ?";
  private final Fixture f = new Fixture();

  private static TestRules slowQuery() {
    TestRules rule = rule("slow-query", Detector.SLOW_QUERY).threshold(500);
    rule.minRequests = 5;
    rule.keepFiringFor = Duration.ofMinutes(1);
    return rule;
  }

  @Test
  void slowFingerprintNamesTheTableAndSuggestsAnIndex() {
    f.queries(10, SQL, "SELECT", "transactions", 800);
    f.queries(100, "SELECT * FROM accounts WHERE id = ?", "SELECT", "accounts", 2);

    assertThat(f.evaluate(slowQuery())).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("operation", "SELECT", "table", "transactions", "query",
          "655ec24a85da"));
      assertThat(ScopeLabels.queryId(SQL)).isEqualTo("655ec24a85da");
      assertThat(a.value()).isEqualTo(800.0);
      assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(a.details()).containsEntry("table", "transactions").containsEntry("operation", "SELECT")
          .containsEntry("fingerprint", SQL).containsEntry("count", 10L).containsEntry("frequent", false)
          .containsEntry("index", "CREATE INDEX ON transactions (user_id, created_at)")
          .containsEntry("indexes_known", false);
      // no schema here (as for a scraped service): the index may exist, and the advice says so
      assertThat(a.recommendation()).isEqualTo("Index the columns SELECT on transactions filters by, unless an index "
          + "already starts with them (perfwatch does not know this table's indexes): CREATE INDEX ON transactions "
          + "(user_id, created_at); confirm the plan with EXPLAIN ANALYZE.");
    });
  }

  @Test
  void aFrequentFingerprintIsRaisedOneLevelCappedAtCritical() {
    f.queries(300, SQL, "SELECT", "transactions", 800);
    assertThat(f.evaluate(slowQuery())).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
      assertThat(a.recommendation()).endsWith("; it runs 60 times a minute: cache the result or batch the calls.");
    });

    f.advance(Duration.ofSeconds(1));
    f.queries(300, SQL, "SELECT", "transactions", 5000);
    assertThat(f.evaluate(slowQuery())).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo(2900.0);
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    });
  }

  @Test
  void theRateDividesByTheTimeTheServiceHasRunWhenShorterThanTheWindow() {
    TestRules rule = slowQuery();
    rule.window = Duration.ofMinutes(10);
    Fixture justStarted = new Fixture(new RuleCompiler(), Duration.ofMinutes(2));
    justStarted.queries(150, SQL, "SELECT", "transactions", 800);

    assertThat(justStarted.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.details()).containsEntry("frequent", true);
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
      assertThat(a.recommendation()).endsWith("; it runs 75 times a minute: cache the result or batch the calls.");
    });
  }

  @Test
  void theSameStatementsOverAFullWindowAreNotFrequent() {
    TestRules rule = slowQuery();
    rule.window = Duration.ofMinutes(10);
    Fixture runningLong = new Fixture(new RuleCompiler(), Duration.ofMinutes(10));
    runningLong.queries(150, SQL, "SELECT", "transactions", 800);

    assertThat(runningLong.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.details()).containsEntry("frequent", false);
      assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(a.recommendation()).doesNotContain("times a minute");
    });
  }

  @Test
  void aFixedSeverityStaysAsWrittenForAFrequentFingerprint() {
    TestRules rule = slowQuery();
    rule.severity = SeverityLadder.fixed(Severity.HIGH);
    f.queries(300, SQL, "SELECT", "transactions", 5000);

    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.details()).containsEntry("frequent", true);
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
    });
  }

  @Test
  void resolvesOnceTheQueryIsFastForKeepFiringFor() {
    f.queries(10, SQL, "SELECT", "transactions", 800);
    f.evaluate(slowQuery());

    f.advance(Duration.ofSeconds(30));
    f.queries(400, SQL, "SELECT", "transactions", 20);
    assertThat(f.evaluate(slowQuery())).hasSize(1);
    f.advance(Duration.ofSeconds(30));
    assertThat(f.evaluate(slowQuery())).isEmpty();
    assertThat(f.sink.lines()).containsExactly("firing medium slow-query {operation=SELECT, query="
        + ScopeLabels.queryId(SQL) + ", table=transactions}", "resolved medium slow-query {operation=SELECT, query="
        + ScopeLabels.queryId(SQL) + ", table=transactions}");
  }

  @Test
  void rareSlowQueriesBelowMinRequestsRaiseNothing() {
    f.queries(4, SQL, "SELECT", "transactions", 5000);

    assertThat(f.evaluate(slowQuery())).isEmpty();
  }

  @Test
  void aStatementWithoutFilterGetsScanAdvice() {
    f.queries(10, "SELECT * FROM audit_log ORDER BY id", "SELECT", "audit_log", 900);

    assertThat(f.evaluate(slowQuery())).extracting(Alert::recommendation).containsExactly("The SELECT on audit_log "
        + "filters on no bound value, so it likely scans the table: add a selective WHERE clause, paginate with "
        + "LIMIT, or cache the result.");
  }

  @Test
  void theShippedRuleRecommendsTheAdviceCheckedAgainstTheSchema() {
    RuleDefinition shipped = new RuleFileParser(Map.of()).parseBuiltIn().rules().stream()
        .filter(r -> r.name().equals("slow-query")).findFirst().orElseThrow();
    IndexCatalog schema = table -> table.equals("transactions")
        ? Optional.of(List.of(new TableIndex("PRIMARY KEY", List.of("id"), true))) : Optional.empty();
    Fixture checked = new Fixture(RuleCompiler.checkingIndexes(schema));
    checked.queries(10, SQL, "SELECT", "transactions", 800);
    checked.queries(10, "SELECT * FROM transactions WHERE id = ?", "SELECT", "transactions", 700);

    assertThat(checked.evaluate(shipped)).extracting(Alert::recommendation).containsExactlyInAnyOrder(
        "Index the columns SELECT on transactions filters by: CREATE INDEX ON transactions (user_id, created_at)"
            + "; confirm the plan with EXPLAIN ANALYZE.",
        "An index of transactions already serves this filter: PRIMARY KEY (id); check the plan with EXPLAIN "
            + "ANALYZE for what else makes it slow: many rows returned, locks, or a function or cast on the column.");
  }

  @Test
  void aRecommendationCanAddToTheAdvice() {
    TestRules rule = slowQuery();
    rule.annotations = Map.of("recommendation", "{{advice}} Ask the DBA team before adding indexes to {{table}}.");
    f.queries(10, "SELECT * FROM audit_log WHERE actor = ?", "SELECT", "audit_log", 900);

    assertThat(f.evaluate(rule)).extracting(Alert::recommendation).containsExactly("Index the columns SELECT on "
        + "audit_log filters by, unless an index already starts with them (perfwatch does not know this table's "
        + "indexes): CREATE INDEX ON audit_log (actor); confirm the plan with EXPLAIN ANALYZE. Ask the DBA team "
        + "before adding indexes to audit_log.");
  }

  @Test
  void adviceNamesTheExistingIndexInsteadOfSuggestingIt() {
    IndexCatalog schema = table -> table.equals("transactions") ? Optional.of(List.of(
        new TableIndex("PRIMARY KEY", List.of("id"), true),
        new TableIndex("tx_user_created", List.of("user_id", "created_at"), false))) : Optional.empty();
    Fixture checked = new Fixture(RuleCompiler.checkingIndexes(schema));
    checked.queries(10, SQL, "SELECT", "transactions", 800);
    checked.queries(10, "SELECT * FROM transactions WHERE id = ?", "SELECT", "transactions", 700);

    assertThat(checked.evaluate(slowQuery())).hasSize(2).allSatisfy(a -> {
      assertThat(a.details()).containsEntry("index", "").containsEntry("indexes_known", true);
      assertThat(a.recommendation()).startsWith("An index of transactions already serves this filter: ")
          .doesNotContain("CREATE INDEX");
    }).anySatisfy(a -> assertThat(a.details()).containsEntry("served_by_index", "PRIMARY KEY (id)"))
        .anySatisfy(a -> assertThat(a.details()).containsEntry("served_by_index",
            "tx_user_created (user_id, created_at)"));
  }
}
