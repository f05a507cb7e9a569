package io.perfwatch.service;

import io.perfwatch.exporter.config.ExporterSettings;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.config.PerfWatchConfigException;
import io.perfwatch.exporter.config.SettingValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The service's settings: its own {@code PERFORMANCE_*} variables plus the exporter's {@link PerfWatchConfig}.
 *
 * @param httpPort port of the HTTP server; 0 picks a free one (tests)
 * @param database the demo's database, or empty for an embedded in-memory H2
 */
public record ServiceConfig(int httpPort, Optional<DatabaseSettings> database, boolean demoTraffic,
    PerfWatchConfig perfWatch, MonitoringSettings monitoring) {

  public static final int DEFAULT_HTTP_PORT = ServiceSettings.HTTP_PORT.defaultValue();

  public ServiceConfig {
    List<String> problems = new ArrayList<>();
    ServiceSettings.HTTP_PORT.check("httpPort", httpPort, problems);
    if (!problems.isEmpty()) {
      throw new PerfWatchConfigException(problems);
    }
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(perfWatch, "perfWatch");
    Objects.requireNonNull(monitoring, "monitoring");
  }

  /** Defaults everywhere except the port: the demo on in-memory H2, no generated traffic. */
  public static ServiceConfig onPort(int httpPort) {
    return new ServiceConfig(httpPort, Optional.empty(), false, PerfWatchConfig.defaults(),
        MonitoringSettings.defaults());
  }

  public ServiceConfig withDemoTraffic(boolean on) {
    return new ServiceConfig(httpPort, database, on, perfWatch, monitoring);
  }

  public ServiceConfig withMonitoring(MonitoringSettings settings) {
    return new ServiceConfig(httpPort, database, demoTraffic, perfWatch, settings);
  }

  /**
   * Reads every declared variable ({@link ServiceSettings#ALL}) in one pass and reports every bad one, and every
   * bad combination, in a single {@link PerfWatchConfigException}. Blank variables are unset.
   */
  public static ServiceConfig fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    SettingValues values = SettingValues.read(ServiceSettings.ALL, env, problems);
    Optional<DatabaseSettings> database = database(values, problems);
    if (values.isSet(ServiceSettings.PROMETHEUS_URL) && values.isSet(ServiceSettings.SCRAPE_TARGETS)) {
      problems.add(ServiceSettings.PROMETHEUS_URL.name() + " and " + ServiceSettings.SCRAPE_TARGETS.name()
          + " are both set: set one (Prometheus for a fleet it scrapes, targets for perfwatch to scrape)");
    }
    PerfWatchConfig perfWatch = PerfWatchConfig.defaults();
    if (problems.isEmpty()) { // combinations of values that did not parse would only repeat those problems
      try {
        perfWatch = ExporterSettings.config(values);
      } catch (PerfWatchConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new PerfWatchConfigException(problems);
    }
    return new ServiceConfig(values.get(ServiceSettings.HTTP_PORT), database,
        values.get(ServiceSettings.DEMO_TRAFFIC), perfWatch, MonitoringSettings.of(values, env));
  }

  private static Optional<DatabaseSettings> database(SettingValues values, List<String> problems) {
    Optional<String> url = values.get(ServiceSettings.DATABASE_URL);
    if (url.isEmpty()) {
      if (values.isSet(ServiceSettings.DATABASE_USER) || values.isSet(ServiceSettings.DATABASE_PASSWORD)) {
        problems.add("PERFORMANCE_DATABASE_USER/PERFORMANCE_DATABASE_PASSWORD are set but PERFORMANCE_DATABASE_URL "
            + "is not: set the URL too, or unset them to use the embedded H2 database");
      }
      return Optional.empty();
    }
    return Optional.of(new DatabaseSettings(url.get(), values.get(ServiceSettings.DATABASE_USER),
        values.get(ServiceSettings.DATABASE_PASSWORD)));
  }
}
