package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertState;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.engine.RuleEngine;
import io.perfwatch.rules.export.PrometheusRuleExporter;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleSet;
import io.perfwatch.testkit.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's) scrapes three real instrumented services every second: {@code orders} on two
 * replicas, one of them failing a quarter of its requests, and a healthy {@code users}. The same rules run in
 * perfwatch's engine over the Prometheus source and, exported with {@code rules export}, in Prometheus itself;
 * both must fire the same alerts with the same {@code job} and {@code instance}.
 */
@Tag("real")
class FleetPrometheusRealTest {
  private static final String RULES = """
      groups:
        - name: fleet
          interval: 1s
          rules:
            - name: errors-per-instance
              detector: error_rate
              scope: overall
              aggregate: instance
              threshold: 20
              window: 1m
              severity: high
            - name: errors-per-service
              detector: error_rate
              scope: overall
              threshold: 10
              window: 1m
              severity: high
            - name: errors-averaged-per-service
              detector: error_rate
              scope: overall
              threshold: 20
              window: 1m
              severity: high
            - name: target-down
              detector: target_down
              aggregate: instance
              threshold: 1
              window: 1m
              severity: critical
      """;

  @TempDir
  Path dir;

  @Test
  void engineAndPrometheusFireTheSameAlertsPerInstanceAndPerServiceAndForADeadReplica() throws Exception {
    RuleSet rules = new RuleFileParser(Map.of()).parse(RULES, "fleet.yml");
    Files.writeString(dir.resolve("alerts.yml"), new PrometheusRuleExporter().export(rules, "test").yaml());
    InstrumentedService healthy = new InstrumentedService();
    InstrumentedService bad = new InstrumentedService();
    int badPort = bad.port();
    try (InstrumentedService users = new InstrumentedService();
        PrometheusServer prometheus = new PrometheusServer(dir, "global:\n  scrape_interval: 1s\n"
            + "  evaluation_interval: 1s\nrule_files: ['" + dir.resolve("alerts.yml") + "']\nscrape_configs:\n"
            + "  - job_name: orders\n    static_configs:\n      - targets: ['127.0.0.1:" + healthy.port()
            + "', '127.0.0.1:" + badPort + "']\n"
            + "  - job_name: users\n    static_configs:\n      - targets: ['127.0.0.1:" + users.port() + "']\n")) {
      PrometheusApi api = new PrometheusApi(prometheus.uri(), Duration.ofSeconds(5));
      RuleEngine engine = new RuleEngine(new PrometheusQuerySource(prometheus.uri(), Duration.ofSeconds(5),
          System::currentTimeMillis), new AlertTracker(Clock.systemUTC(), HistoryLimits.defaults(), List.of()),
          new SimpleMeterRegistry());
      healthy.get("/api/items/1", 1, 200); // every series exists before the traffic: increase() sees all of it
      bad.get("/api/items/1", 1, 200);
      bad.get("/api/fail", 1, 500);
      users.get("/api/items/1", 1, 200);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.query(
          "http_server_requests_seconds_count", System.currentTimeMillis()).join()).hasSize(4)
          .extracting(VectorSample::value).containsOnly(1.0));
      Thread.sleep(2_000); // a second scrape of the primed series

      healthy.get("/api/items/1", 40, 200);
      bad.get("/api/items/1", 30, 200);
      bad.get("/api/fail", 10, 500); // 25 % on the replica, 12.5 % for orders
      users.get("/api/items/1", 20, 200);

      String b = "127.0.0.1:" + badPort;
      Set<String> faulty = Set.of("errors-per-instance orders " + b, "errors-per-service orders");
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> {
            assertThat(firing(engine.evaluate(rules))).as("engine").isEqualTo(faulty);
            assertThat(prometheusFiring(api)).as("Prometheus").isEqualTo(faulty);
          });

      bad.close(); // the replica dies: both say target-down for it, its errors still in the last minute
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
          firing(engine.evaluate(rules)).contains("target-down orders " + b)
              && prometheusFiring(api).contains("target-down orders " + b));
      assertThat(firing(engine.evaluate(rules))).filteredOn(a -> a.startsWith("target-down"))
          .containsExactly("target-down orders " + b);

      try (InstrumentedService back = new InstrumentedService(badPort)) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
            firing(engine.evaluate(rules)).stream().noneMatch(a -> a.startsWith("target-down"))
                && prometheusFiring(api).stream().noneMatch(a -> a.startsWith("target-down")));
      }
    } finally {
      healthy.close();
    }
  }

  /** "rule job [instance]" of each firing alert of the engine. */
  private static Set<String> firing(List<Alert> alerts) {
    Set<String> names = new TreeSet<>();
    alerts.stream().filter(a -> a.state() == AlertState.FIRING).forEach(a -> names.add((a.rule() + " "
        + a.scope().getOrDefault("job", "") + " " + a.scope().getOrDefault("instance", "")).strip()));
    return names;
  }

  /** The same of Prometheus's firing {@code ALERTS}. */
  private static Set<String> prometheusFiring(PrometheusApi api) {
    Set<String> names = new TreeSet<>();
    api.query("ALERTS{alertstate=\"firing\"}", System.currentTimeMillis()).join().forEach(s -> names.add(
        (s.label("alertname") + " " + s.label("job") + " " + s.label("instance")).strip()));
    return names;
  }

  private static double sum(PrometheusApi api, String series) {
    return api.query("sum(" + series + ")", System.currentTimeMillis()).join().stream()
        .mapToDouble(VectorSample::value).sum();
  }
}
