package io.perfwatch.service.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docker-compose.yml checked without Docker: what `docker compose config` would catch for us, and a bit more. */
class ComposeFileTest {
  private final JsonNode compose = Repo.yaml(Repo.ROOT.resolve("docker-compose.yml"));

  @Test
  void hasTheFourServicesEachWithImageOrBuild() {
    List<String> names = new ArrayList<>();
    compose.path("services").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("perfwatch", "prometheus", "alertmanager", "grafana");
    compose.path("services").forEach(s -> assertThat(s.has("image") || s.has("build")).isTrue());
    assertThat(Files.isRegularFile(Repo.ROOT.resolve("Dockerfile"))).isTrue();
  }

  @Test
  void everyBindMountSourceExistsInTheRepository() {
    Set<String> named = new HashSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(named::add);
    List<String> missing = new ArrayList<>();
    compose.path("services").fields().forEachRemaining(s -> s.getValue().path("volumes").forEach(v -> {
      String source = v.asText().split(":")[0];
      if (source.startsWith(".")) {
        if (!Files.exists(Repo.ROOT.resolve(source).normalize())) {
          missing.add(s.getKey() + ": " + source);
        }
      } else if (!named.contains(source)) {
        missing.add(s.getKey() + ": undeclared volume " + source);
      }
    }));
    assertThat(missing).isEmpty();
  }

  @Test
  void hostPortsDoNotClash() {
    List<String> hostPorts = new ArrayList<>();
    compose.path("services").forEach(s -> s.path("ports").forEach(p -> hostPorts.add(p.asText().split(":")[0])));
    assertThat(hostPorts).doesNotHaveDuplicates().containsExactlyInAnyOrder("8080", "9090", "9093", "3000");
  }

  @Test
  void secretsComeFromTheEnvFileNotTheComposeFile() throws Exception {
    compose.path("services").forEach(s -> assertThat(s.path("environment").has("PERFORMANCE_ADMIN_TOKEN")
        || s.path("environment").has("GF_SECURITY_ADMIN_PASSWORD")).isFalse());
    assertThat(compose.path("services").path("perfwatch").path("env_file").asText()).isEqualTo(".env");
    assertThat(compose.path("services").path("grafana").path("env_file").asText()).isEqualTo(".env");
    assertThat(Files.readString(Repo.ROOT.resolve(".env.example")))
        .contains("PERFORMANCE_ADMIN_TOKEN=", "GF_SECURITY_ADMIN_PASSWORD=");
  }

  @Test
  void prometheusMayAskForTheProtobufExposition() {
    assertThat(Repo.prometheusFeatureFlags()).containsExactly("--enable-feature=native-histograms");
  }

  @Test
  void prometheusScrapesTheComposeServiceAndAlertsTheComposeAlertmanager() {
    JsonNode prometheus = Repo.yaml(Repo.ROOT.resolve("prometheus/prometheus.yml"));
    assertThat(prometheus.toString()).contains("perfwatch:8080", "alertmanager:9093", "perfwatch-alerts.yml");
    assertThat(prometheus.path("global").path("scrape_interval").asText()).isEqualTo("15s");
    assertThat(Map.of("ds", Repo.yaml(Repo.ROOT.resolve("grafana/provisioning/datasources/prometheus.yml"))
        .toString())).extractingByKey("ds").asString().contains("http://prometheus:9090");
  }
}
