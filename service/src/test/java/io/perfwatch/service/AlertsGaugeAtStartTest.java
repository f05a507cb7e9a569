package io.perfwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.RuleFileParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code perfwatch_alerts} is on {@code /metrics} from the start, at 0, for every loaded rule, severity and state. */
class AlertsGaugeAtStartTest {

  @Test
  void everyLoadedRuleSeverityAndStateIsExposedAtZeroBeforeAnyAlert() {
    List<String> expected = new ArrayList<>();
    for (RuleDefinition rule : new RuleFileParser(Map.of()).parseBuiltIn().rules()) {
      for (Severity severity : rule.severity().ratios().keySet()) {
        for (String state : List.of("firing", "pending")) {
          expected.add("perfwatch_alerts{alertname=\"" + rule.name() + "\",severity=\"" + severity.label()
              + "\",state=\"" + state + "\"} 0.0");
        }
      }
    }
    try (PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0)).start()) {
      String metrics = new TestClient(service.baseUri()).get("/metrics").body();

      assertThat(metrics.lines().filter(l -> l.startsWith("perfwatch_alerts{")))
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(expected).hasSize(70);
    }
  }
}
