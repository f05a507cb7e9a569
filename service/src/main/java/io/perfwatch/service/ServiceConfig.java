package io.perfwatch.service;

import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.config.PerfWatchConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service's settings: its own {@code PERFORMANCE_*} variables plus the exporter's {@link PerfWatchConfig}.
 *
 * @param httpPort port of the HTTP server; 0 picks a free one (tests)
 * @param database the demo's database, or empty for an embedded in-memory H2
 */
public record ServiceConfig(int httpPort, Optional<DatabaseSettings> database, boolean demoTraffic,
    PerfWatchConfig perfWatch, MonitoringSettings monitoring) {

  public static final int DEFAULT_HTTP_PORT = 8080;

  public ServiceConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new PerfWatchConfigException(List.of("httpPort=" + httpPort + ": expected a port from 0 to 65535"));
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

  /** Reads every variable and reports every bad one in a single {@link PerfWatchConfigException}. */
  public static ServiceConfig fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    int port = port(env, problems);
    Optional<DatabaseSettings> database = database(env, problems);
    boolean traffic = bool(env, "PERFORMANCE_DEMO_TRAFFIC", problems);
    MonitoringSettings monitoring = MonitoringSettings.fromEnvironment(env, problems);
    PerfWatchConfig perfWatch = PerfWatchConfig.defaults();
    try {
      perfWatch = PerfWatchConfig.fromEnvironment(env);
    } catch (PerfWatchConfigException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new PerfWatchConfigException(problems);
    }
    return new ServiceConfig(port, database, traffic, perfWatch, monitoring);
  }

  private static int port(Map<String, String> env, List<String> problems) {
    String raw = value(env, "PERFORMANCE_HTTP_PORT");
    if (raw == null) {
      return DEFAULT_HTTP_PORT;
    }
    try {
      int port = Integer.parseInt(raw);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    problems.add("PERFORMANCE_HTTP_PORT='" + raw + "': expected a port number from 0 to 65535 (0 picks a free port)");
    return DEFAULT_HTTP_PORT;
  }

  private static Optional<DatabaseSettings> database(Map<String, String> env, List<String> problems) {
    String url = value(env, "PERFORMANCE_DATABASE_URL");
    String user = value(env, "PERFORMANCE_DATABASE_USER");
    String password = value(env, "PERFORMANCE_DATABASE_PASSWORD");
    if (url == null) {
      if (user != null || password != null) {
        problems.add("PERFORMANCE_DATABASE_USER/PERFORMANCE_DATABASE_PASSWORD are set but PERFORMANCE_DATABASE_URL "
            + "is not: set the URL too, or unset them to use the embedded H2 database");
      }
      return Optional.empty();
    }
    if (!DatabaseSettings.isSupported(url)) {
      problems.add("PERFORMANCE_DATABASE_URL='" + url + "': expected a JDBC URL starting with "
          + DatabaseSettings.SUPPORTED_PREFIXES + ", e.g. jdbc:postgresql://localhost:5432/perfwatch");
      return Optional.empty();
    }
    return Optional.of(new DatabaseSettings(url, user == null ? "" : user, password == null ? "" : password));
  }

  private static boolean bool(Map<String, String> env, String variable, List<String> problems) {
    String raw = value(env, variable);
    if (raw == null) {
      return false;
    }
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on":
        return true;
      case "false", "0", "no", "off":
        return false;
      default:
        problems.add(variable + "='" + raw + "': expected true or false");
        return false;
    }
  }

  /** Trimmed value; an empty variable counts as unset, as a shell's {@code VAR=} usually means. */
  private static @Nullable String value(Map<String, String> env, String variable) {
    String raw = env.get(variable);
    return raw == null || raw.isBlank() ? null : raw.trim();
  }
}
