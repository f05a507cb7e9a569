package io.perfwatch.service;

import io.perfwatch.exporter.config.PerfWatchConfigException;
import io.perfwatch.exporter.config.Setting;
import io.perfwatch.exporter.config.SettingValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the analysis side: the admin token (never printed), the rules file, CORS origins, the
 * {@code PERFORMANCE_*} environment that rule files read through {@code ${VAR:default}} (without the
 * {@link #SECRETS}), and the checked {@link #values()} of the sources and sinks ({@link ServiceSettings}).
 */
public record MonitoringSettings(@Nullable String adminToken, Optional<Path> rulesFile, List<String> corsOrigins,
    Map<String, String> environment, SettingValues values) {

  /**
   * Never handed to rule files, so that a rules edit cannot echo them in its error messages: the admin token, and
   * the database settings (a JDBC URL may carry a password).
   */
  static final Set<String> SECRETS = ServiceSettings.ALL.stream().filter(Setting::secret).map(Setting::name)
      .collect(Collectors.toUnmodifiableSet());

  public MonitoringSettings {
    if (adminToken != null && !ServiceSettings.ADMIN_TOKEN.accepts().test(Optional.of(adminToken))) {
      throw new PerfWatchConfigException(List.of("adminToken (" + adminToken.length() + " characters, not shown; "
          + ServiceSettings.ADMIN_TOKEN.name() + "): " + ServiceSettings.ADMIN_TOKEN.expected()));
    }
    corsOrigins = List.copyOf(corsOrigins);
    environment = Map.copyOf(environment);
  }

  /**
   * Settings whose sources and sinks come from {@code environment} (e.g. {@code PERFORMANCE_ALERTMANAGER_URL});
   * throws a {@link io.perfwatch.exporter.config.PerfWatchConfigException} naming every bad value there.
   */
  public MonitoringSettings(@Nullable String adminToken, Optional<Path> rulesFile, List<String> corsOrigins,
      Map<String, String> environment) {
    this(adminToken, rulesFile, corsOrigins, environment, SettingValues.read(ServiceSettings.ALL, environment));
  }

  public static MonitoringSettings defaults() {
    return new MonitoringSettings(null, Optional.empty(), List.of(), Map.of());
  }

  public MonitoringSettings withAdminToken(@Nullable String token) {
    return new MonitoringSettings(token, rulesFile, corsOrigins, environment, values);
  }

  /** From values already checked by {@link SettingValues#read}; {@code env} gives rule files their variables. */
  static MonitoringSettings of(SettingValues values, Map<String, String> env) {
    return new MonitoringSettings(values.get(ServiceSettings.ADMIN_TOKEN).orElse(null),
        values.get(ServiceSettings.RULES_FILE), values.get(ServiceSettings.CORS_ORIGINS), ruleEnvironment(env),
        values);
  }

  /** Every non-blank {@code PERFORMANCE_*} variable but the secrets, declared or not (rule files may add their own). */
  static Map<String, String> ruleEnvironment(Map<String, String> env) {
    Map<String, String> performance = new TreeMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith("PERFORMANCE_") && !SECRETS.contains(k) && !v.isBlank()) {
        performance.put(k, v.strip());
      }
    });
    return performance;
  }

  @Override
  public String toString() {
    return "MonitoringSettings[adminToken=" + (adminToken == null ? "none" : "set") + ", rulesFile=" + rulesFile
        + ", corsOrigins=" + corsOrigins + "]";
  }
}
