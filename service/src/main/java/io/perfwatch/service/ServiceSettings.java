package io.perfwatch.service;

import static io.perfwatch.exporter.config.SettingGroup.SERVICE;
import static io.perfwatch.exporter.config.SettingGroup.SINKS;
import static io.perfwatch.exporter.config.SettingGroup.SOURCES;

import io.perfwatch.exporter.config.ExporterSettings;
import io.perfwatch.exporter.config.Setting;
import io.perfwatch.rules.source.ScrapeTargets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The service's {@code PERFORMANCE_*} variables (besides the exporter's, {@link ExporterSettings}): the one place
 * they are declared. Adding a setting is one declaration here plus its entry in {@link #ALL}; the start-up check,
 * {@code perfwatch config} and the README's table follow from it.
 */
final class ServiceSettings {
  static final Setting<Integer> HTTP_PORT = Setting.integer("PERFORMANCE_HTTP_PORT", SERVICE, 8080, 0, 65535,
      "Port of the demo app, /metrics and the JSON API; 0 picks a free one.");
  static final Setting<Optional<String>> ADMIN_TOKEN = Setting.of("PERFORMANCE_ADMIN_TOKEN", SERVICE, "secret",
      Optional.<String>empty(), "", "at least 16 characters, e.g. from openssl rand -hex 24",
      "Bearer token of the admin endpoints; unset keeps them closed.", Optional::of,
      v -> v.map(t -> t.length() >= 16).orElse(true)).asSecret();
  static final Setting<Optional<Path>> RULES_FILE = Setting.of("PERFORMANCE_RULES_FILE", SERVICE, "path",
      Optional.<Path>empty(), "", "a readable rules file", "Rules file, reloaded on change; unset: the built-in rules.",
      v -> Optional.of(Path.of(v)), v -> v.map(Files::isReadable).orElse(true));
  static final Setting<Boolean> DEMO_TRAFFIC = Setting.flag("PERFORMANCE_DEMO_TRAFFIC", SERVICE, false,
      "Generate traffic against the demo app.");
  static final Setting<Optional<String>> DATABASE_URL = Setting.of("PERFORMANCE_DATABASE_URL", SERVICE, "JDBC URL",
      Optional.<String>empty(), "", "a JDBC URL starting with jdbc:h2: or jdbc:postgresql:",
      "The demo's database; unset: an embedded in-memory H2.", Optional::of,
      v -> v.map(DatabaseSettings::isSupported).orElse(true)).asSecret();
  static final Setting<String> DATABASE_USER = Setting.of("PERFORMANCE_DATABASE_USER", SERVICE, "text", "", "",
      "any text", "User of PERFORMANCE_DATABASE_URL.", v -> v, v -> true).asSecret();
  static final Setting<String> DATABASE_PASSWORD = Setting.of("PERFORMANCE_DATABASE_PASSWORD", SERVICE, "secret",
      "", "", "any text", "Password of PERFORMANCE_DATABASE_URL.", v -> v, v -> true).asSecret();
  static final Setting<List<String>> CORS_ORIGINS = Setting.of("PERFORMANCE_CORS_ORIGINS", SERVICE, "origin list",
      List.<String>of(), "", "comma-separated origins such as https://dash.example.com",
      "Browser origins allowed to call the JSON API (CORS); unset: none.", ServiceSettings::list, v -> true);
  static final Setting<Optional<URI>> EXTERNAL_URL = Setting.of("PERFORMANCE_EXTERNAL_URL", SERVICE, "URL",
      Optional.<URI>empty(), "", "the http(s) URL users reach perfwatch at, such as https://perfwatch.example.com",
      "Base of the links in alerts; unset: http://<hostname>:<port>.", ExternalUrl::parse, v -> true);
  static final Setting<Integer> ALERT_HISTORY_HOURS = Setting.integer("PERFORMANCE_ALERT_HISTORY_HOURS", SERVICE,
      72, 1, 8760, "Hours resolved alerts stay in the API's history.");
  static final Setting<Optional<URI>> PROMETHEUS_URL = Setting.httpUrl("PERFORMANCE_PROMETHEUS_URL", SOURCES,
      "http://prometheus:9090", "Evaluate the rules over this Prometheus (a fleet) instead of this process.");
  static final Setting<List<URI>> SCRAPE_TARGETS = Setting.of("PERFORMANCE_SCRAPE_TARGETS", SOURCES, "URL list",
      List.<URI>of(), "", "comma-separated http(s) URLs such as http://orders:8080/metrics",
      "Evaluate the rules over these services' /metrics instead of this process.", ServiceSettings::targets,
      v -> true);
  static final Setting<Optional<URI>> ALERTMANAGER_URL = Setting.httpUrl("PERFORMANCE_ALERTMANAGER_URL", SINKS,
      "http://alertmanager:9093", "Push firing and resolved alerts to this Alertmanager.");

  /** The service's own settings, in the reference's order. */
  static final List<Setting<?>> SERVICE_ONLY = List.of(HTTP_PORT, ADMIN_TOKEN, RULES_FILE, DEMO_TRAFFIC,
      DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, CORS_ORIGINS, EXTERNAL_URL, ALERT_HISTORY_HOURS,
      PROMETHEUS_URL, SCRAPE_TARGETS, ALERTMANAGER_URL);

  /** Every setting the service reads, the exporter's included, grouped as the reference lists them. */
  static final List<Setting<?>> ALL = all();

  private ServiceSettings() {}

  private static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>(ExporterSettings.ALL);
    all.addAll(SERVICE_ONLY);
    all.sort(Comparator.comparing(Setting::group)); // stable: declaration order within a group
    return List.copyOf(all);
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<URI> targets(String text) {
    try {
      return ScrapeTargets.parse(text);
    } catch (IllegalArgumentException e) {
      String prefix = ScrapeTargets.VARIABLE + ": ";
      String message = String.valueOf(e.getMessage());
      throw new IllegalArgumentException(message.startsWith(prefix) ? message.substring(prefix.length()) : message,
          e);
    }
  }
}
