package io.perfwatch.rules.engine;

import static io.perfwatch.rules.alert.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.ScopeLabels;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.Scope;
import io.perfwatch.rules.yaml.SeverityLadder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's alert scopes carry exactly the {@link ScopeLabels} of their rule, short values only. */
class ScopeLabelsTest {
  private static final String SQL = "SELECT * FROM accounts a WHERE a.user_id = ? AND a.status IN (?) ORDER BY "
      + "a.created_at DESC LIMIT ?";
  private final Fixture f = new Fixture();

  private static TestRules lenient(TestRules rule) {
    rule.threshold = 1;
    rule.severity = SeverityLadder.fixed(Severity.LOW);
    return rule;
  }

  private List<Alert> firing(TestRules rule) {
    List<Alert> alerts = f.evaluate(rule);
    assertThat(alerts).as(rule.name).isNotEmpty();
    alerts.forEach(a -> assertThat(a.scope().keySet()).as(rule.name)
        .containsExactlyInAnyOrderElementsOf(ScopeLabels.of(rule.build())));
    return alerts;
  }

  @Test
  void endpointAlertsAreLabelledByMethodAndRouteTemplate() {
    f.requests(30, "GET", "/api/transactions/:id", 500, 40);

    for (Detector d : List.of(Detector.LATENCY, Detector.ERROR_RATE)) {
      assertThat(firing(lenient(rule(d.yamlName(), d)))).extracting(Alert::scope)
          .containsExactly(Map.of("method", "GET", "uri", "/api/transactions/:id"));
    }
  }

  @Test
  void overallAlertsAreLabelledScopeOverall() {
    f.requests(30, "GET", "/api/transactions/:id", 500, 40);
    f.nPlusOne("GET", "/api/accounts", "accounts", SQL, 12, 30);

    for (Detector d : List.of(Detector.LATENCY, Detector.ERROR_RATE, Detector.N_PLUS_ONE)) {
      TestRules rule = lenient(rule(d.yamlName(), d));
      rule.scope = Scope.OVERALL;
      assertThat(firing(rule)).extracting(Alert::scope).containsExactly(Map.of("scope", "overall"));
    }
  }

  @Test
  void nPlusOneAlertsAddTheTable() {
    f.nPlusOne("GET", "/api/accounts", "accounts", SQL, 12, 30);

    assertThat(firing(lenient(rule("n-plus-one", Detector.N_PLUS_ONE)))).extracting(Alert::scope)
        .containsExactly(Map.of("method", "GET", "uri", "/api/accounts", "table", "accounts"));
  }

  @Test
  void degradationAlertsAreLabelledLikeLatency() {
    f.advance(Duration.ofMinutes(-50));
    f.requests(30, "GET", "/api/transactions/:id", 200, 10);
    f.advance(Duration.ofMinutes(50));
    f.requests(30, "GET", "/api/transactions/:id", 200, 40);
    TestRules rule = lenient(rule("degradation", Detector.DEGRADATION));
    rule.metric = Metric.AVG;

    assertThat(firing(rule)).extracting(Alert::scope)
        .containsExactly(Map.of("method", "GET", "uri", "/api/transactions/:id"));
  }

  @Test
  void slowStatementsKeepTheirSqlOutOfTheLabels() {
    f.queries(10, SQL, "SELECT", "accounts", 800);

    assertThat(firing(lenient(rule("slow-query", Detector.SLOW_QUERY)))).singleElement().satisfies(a -> {
      assertThat(a.scope()).isEqualTo(Map.of("operation", "SELECT", "table", "accounts", "query",
          ScopeLabels.queryId(SQL)));
      assertThat(a.scope().get("query")).matches("[0-9a-f]{12}");
      assertThat(a.details()).containsEntry("fingerprint", SQL);
    });
  }
}
