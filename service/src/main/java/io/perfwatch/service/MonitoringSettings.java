package io.perfwatch.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the analysis side: the admin token (never printed), the rules file, CORS origins, and the
 * {@code PERFORMANCE_*} environment that rule files ({@code ${VAR:default}}), the Alertmanager sink (with
 * {@code PERFORMANCE_EXTERNAL_URL} for its links) and the scrape/fleet sources read, without the {@link #SECRETS}.
 */
public record MonitoringSettings(@Nullable String adminToken, Optional<Path> rulesFile, List<String> corsOrigins,
    Map<String, String> environment) {

  public MonitoringSettings {
    corsOrigins = List.copyOf(corsOrigins);
    environment = Map.copyOf(environment);
  }

  public static MonitoringSettings defaults() {
    return new MonitoringSettings(null, Optional.empty(), List.of(), Map.of());
  }

  public MonitoringSettings withAdminToken(@Nullable String token) {
    return new MonitoringSettings(token, rulesFile, corsOrigins, environment);
  }

  /**
   * Never handed to rule files, so that a rules edit cannot echo them in its error messages: the admin token, and
   * the database credentials (a JDBC URL may carry a password).
   */
  static final Set<String> SECRETS = Set.of("PERFORMANCE_ADMIN_TOKEN", "PERFORMANCE_DATABASE_PASSWORD",
      "PERFORMANCE_DATABASE_USER", "PERFORMANCE_DATABASE_URL");

  static MonitoringSettings fromEnvironment(Map<String, String> env, List<String> problems) {
    Map<String, String> performance = new TreeMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith("PERFORMANCE_") && !SECRETS.contains(k)) {
        performance.put(k, v);
      }
    });
    String token = env.get("PERFORMANCE_ADMIN_TOKEN");
    if (token != null && !token.isBlank() && token.strip().length() < 16) {
      problems.add("PERFORMANCE_ADMIN_TOKEN: too short (" + token.strip().length()
          + " characters); use at least 16 random characters, e.g. openssl rand -hex 24");
    }
    Optional<Path> rules = Optional.ofNullable(env.get("PERFORMANCE_RULES_FILE")).filter(s -> !s.isBlank())
        .map(Path::of);
    rules.filter(p -> !Files.isReadable(p)).ifPresent(p -> problems.add("PERFORMANCE_RULES_FILE='" + p
        + "': no readable file there; point it at a rules file or unset it for the built-in rules"));
    try {
      ExternalUrl.parse(env.get(ExternalUrl.ENV));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    List<String> cors = Arrays.stream(env.getOrDefault("PERFORMANCE_CORS_ORIGINS", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    return new MonitoringSettings(token == null || token.isBlank() ? null : token.strip(), rules, cors, performance);
  }

  @Override
  public String toString() {
    return "MonitoringSettings[adminToken=" + (adminToken == null ? "none" : "set") + ", rulesFile=" + rulesFile
        + ", corsOrigins=" + corsOrigins + "]";
  }
}
