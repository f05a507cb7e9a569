package io.perfwatch.service.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Structure of grafana/dashboards/*.json; {@link PrometheusStack} runs their queries. */
class DashboardsTest {

  @Test
  void theSixDashboardsExist() {
    assertThat(Repo.dashboards()).extracting(p -> p.getFileName().toString()).containsExactly(
        "perfwatch-alerts.json", "perfwatch-database.json", "perfwatch-endpoints.json", "perfwatch-jvm.json",
        "perfwatch-overview.json", "perfwatch-system.json");
  }

  @Test
  void everyDashboardHasSchemaVersionUidAndUniquePanelIds() {
    Set<String> uids = new HashSet<>();
    for (Path file : Repo.dashboards()) {
      JsonNode d = Repo.json(file);
      assertThat(d.path("schemaVersion").asInt()).as(file + " schemaVersion").isPositive();
      assertThat(uids.add(d.path("uid").asText())).as(file + " uid unique").isTrue();
      List<Integer> ids = Repo.panels(d).stream().map(p -> p.path("id").asInt()).toList();
      assertThat(ids).as(file + " panel ids").doesNotHaveDuplicates().doesNotContain(0);
    }
  }

  @Test
  void everyPanelHasTitleUnitDescriptionAndTheDatasourceVariable() {
    List<String> problems = new ArrayList<>();
    for (Path file : Repo.dashboards()) {
      for (JsonNode p : Repo.panels(Repo.json(file))) {
        String where = file.getFileName() + " panel " + p.path("id").asInt();
        check(problems, !p.path("title").asText().isBlank(), where + ": no title");
        check(problems, !p.path("description").asText().isBlank(), where + ": no description");
        check(problems, !p.path("fieldConfig").path("defaults").path("unit").asText().isBlank(), where + ": no unit");
        check(problems, p.path("datasource").path("uid").asText().equals("${datasource}"), where + ": datasource");
        check(problems, !p.path("targets").isEmpty(), where + ": no query");
        p.path("targets").forEach(t -> {
          check(problems, t.path("datasource").path("uid").asText().equals("${datasource}"), where + ": target ds");
          check(problems, !t.path("expr").asText().isBlank(), where + ": empty expr");
        });
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDashboardFiltersByJobAndInstance() {
    for (Path file : Repo.dashboards()) {
      JsonNode d = Repo.json(file);
      List<String> vars = new ArrayList<>();
      d.path("templating").path("list").forEach(v -> vars.add(v.path("name").asText()));
      assertThat(vars).as(file.toString()).contains("datasource", "job", "instance");
      Repo.panels(d).forEach(p -> p.path("targets").forEach(t ->
          assertThat(t.path("expr").asText()).as(file + " " + p.path("title")).contains("job=~\"$job\"")));
    }
  }

  /**
   * The dashboards also serve a plain Micrometer app (Spring Boot Actuator with percentile histograms): a panel
   * that needs a metric only perfwatch exposes says so.
   */
  @Test
  void panelsNeedingPerfwatchOnlyMetricsSaySo() {
    Pattern micrometer = Pattern.compile("(http_server_requests_seconds(_count|_sum|_bucket|_max)?|jvm_\\w+"
        + "|process_\\w+|system_cpu_usage|system_load_average_1m|system_cpu_count|up|ALERTS)");
    Pattern metric = Pattern.compile("\\b([a-z_][a-z0-9_]*_[a-z0-9_]+)\\s*[{\\[]");
    List<String> problems = new ArrayList<>();
    for (Path file : Repo.dashboards()) {
      for (JsonNode p : Repo.panels(Repo.json(file))) {
        p.path("targets").forEach(t -> {
          Matcher m = metric.matcher(t.path("expr").asText());
          while (m.find()) {
            if (!micrometer.matcher(m.group(1)).matches()
                && !p.path("description").asText().contains("perfwatch only")) {
              problems.add(file.getFileName() + " / " + p.path("title").asText() + ": " + m.group(1));
            }
          }
        });
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void endpointsDashboardHasAUriVariable() {
    JsonNode d = Repo.json(Repo.DASHBOARDS.resolve("perfwatch-endpoints.json"));
    List<String> vars = new ArrayList<>();
    d.path("templating").path("list").forEach(v -> vars.add(v.path("name").asText()));
    assertThat(vars).contains("uri");
  }

  private static void check(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }
}
