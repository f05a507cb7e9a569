package io.perfwatch.service.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** promtool on the shipped configuration: check config, check rules and the unit tests in prometheus/tests. */
@Tag("real")
class PromtoolRealTest {

  @Test
  void prometheusConfigIsValid() throws Exception {
    Promtool.Result r = Promtool.run(Repo.ROOT, "", "check", "config", "prometheus/prometheus.yml");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: prometheus/prometheus.yml is valid prometheus config file syntax");
  }

  @Test
  void exportedAlertingRulesAreValid() throws Exception {
    Promtool.Result r = Promtool.run(Repo.ROOT, "", "check", "rules", "prometheus/perfwatch-alerts.yml");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + Repo.alertingRules().size() + " rules found");
  }

  @Test
  void alertUnitTestsPass() throws Exception {
    Promtool.Result r = Promtool.run(Repo.ROOT, "", "test", "rules", "prometheus/tests/perfwatch-alerts-test.yml");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }
}
