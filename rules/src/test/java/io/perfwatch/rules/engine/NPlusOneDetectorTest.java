package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Scope;
import io.perfwatch.rules.yaml.SeverityLadder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NPlusOneDetectorTest {
  private static final String SQL = "SELECT * FROM transactions WHERE account_id = ?";
  private final Fixture f = new Fixture();

  private static TestRules nPlusOne() {
    TestRules rule = rule("n-plus-one", Detector.N_PLUS_ONE).threshold(2);
    rule.metric = null;
    rule.minRequests = 1000;
    rule.severity = SeverityLadder.fixed(Severity.MEDIUM);
    return rule;
  }

  @Test
  void findingsAreGroupedByEndpointAndTableWithBatchingAdvice() {
    f.nPlusOne("GET", "/api/accounts", "transactions", SQL, 12, 30);
    f.nPlusOne("GET", "/api/accounts", "transactions", SQL, 25, 60);
    f.nPlusOne("GET", "/api/accounts", "transactions", "SELECT * FROM transactions WHERE id = ?", 8, 10);
    f.nPlusOne("GET", "/api/users", "accounts", "SELECT * FROM accounts WHERE user_id = ?", 5, 4);

    assertThat(f.evaluate(nPlusOne())).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("method", "GET", "uri", "/api/accounts", "table", "transactions"));
      assertThat(a.value()).isEqualTo(3.0);
      assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(a.details()).isEqualTo(Map.of("table", "transactions", "fingerprint", SQL, "max_repeats", 25,
          "total_ms", 100L, "count", 3));
      assertThat(a.summary()).isEqualTo("GET /api/accounts ran the same query on transactions up to 25 times per "
          + "request (3 requests, 100 ms in total): " + SQL);
      assertThat(a.recommendation()).isEqualTo("Load the transactions rows of GET /api/accounts in one query "
          + "instead of 25: batch them with WHERE account_id IN (...) or JOIN transactions into the parent query "
          + "(eager loading).");
    });
  }

  @Test
  void escalatesWithMoreFindingsAndResolvesWhenTheyLeaveTheWindow() {
    TestRules rule = nPlusOne();
    rule.severity = TestRules.LADDER;
    f.nPlusOne("GET", "/api/accounts", "transactions", SQL, 12, 30);
    f.nPlusOne("GET", "/api/accounts", "transactions", SQL, 12, 30);
    assertThat(f.evaluate(rule)).extracting(a -> a.severity()).containsExactly(Severity.LOW);

    f.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 6; i++) {
      f.nPlusOne("GET", "/api/accounts", "transactions", SQL, 12, 30);
    }
    assertThat(f.evaluate(rule)).extracting(a -> a.severity()).containsExactly(Severity.CRITICAL);

    f.advance(Duration.ofMinutes(6));
    assertThat(f.evaluate(rule)).isEmpty();
    assertThat(f.sink.lines()).containsExactly(
        "firing low n-plus-one {method=GET, table=transactions, uri=/api/accounts}",
        "firing critical n-plus-one {method=GET, table=transactions, uri=/api/accounts}",
        "resolved critical n-plus-one {method=GET, table=transactions, uri=/api/accounts}");
  }

  @Test
  void overallScopeCountsTheFindingsOfEveryEndpointInOneAlert() {
    TestRules rule = nPlusOne();
    rule.scope = Scope.OVERALL;
    f.nPlusOne("GET", "/api/accounts", "transactions", SQL, 12, 30);
    f.nPlusOne("GET", "/api/accounts", "transactions", SQL, 25, 60);
    f.nPlusOne("GET", "/api/users", "accounts", "SELECT * FROM accounts WHERE user_id = ?", 5, 4);

    assertThat(f.evaluate(rule)).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("scope", "overall"));
      assertThat(a.value()).isEqualTo(3.0);
      assertThat(a.summary()).isEqualTo("All endpoints ran the same query on transactions up to 25 times per "
          + "request (3 requests, 94 ms in total): " + SQL);
    });
  }

  @Test
  void aSingleFindingBelowTheThresholdRaisesNothing() {
    f.nPlusOne("GET", "/api/accounts", "transactions", SQL, 3, 1);

    assertThat(f.evaluate(nPlusOne())).isEmpty();
  }
}
