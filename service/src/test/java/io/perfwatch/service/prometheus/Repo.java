package io.perfwatch.service.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files under test, read from the repository root (the tests run in {@code service/}). */
final class Repo {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path ALERTS = ROOT.resolve("prometheus/perfwatch-alerts.yml");
  static final Path DASHBOARDS = ROOT.resolve("grafana/dashboards");

  private Repo() {}

  static JsonNode yaml(Path file) {
    try {
      return new YAMLMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> dashboards() {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The feature flags docker-compose.yml starts Prometheus with, for the real Prometheus in tests. */
  static List<String> prometheusFeatureFlags() {
    List<String> flags = new ArrayList<>();
    yaml(ROOT.resolve("docker-compose.yml")).path("services").path("prometheus").path("command").forEach(c -> {
      if (c.asText().startsWith("--enable-feature=")) {
        flags.add(c.asText());
      }
    });
    return flags;
  }

  /** Every panel of a dashboard, rows' nested panels included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(p -> {
      panels.add(p);
      p.path("panels").forEach(panels::add);
    });
    return panels;
  }

  /** Every alerting rule of the generated file. */
  static List<JsonNode> alertingRules() {
    List<JsonNode> rules = new ArrayList<>();
    yaml(ALERTS).path("groups").forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }
}
