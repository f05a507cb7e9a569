package io.perfwatch.service;

import java.util.List;
import java.util.Objects;

/** Where the demo app keeps its data: a JDBC URL of a supported database and its credentials (may be empty). */
public record DatabaseSettings(String url, String user, String password) {

  static final List<String> SUPPORTED_PREFIXES = List.of("jdbc:h2:", "jdbc:postgresql:");

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!isSupported(url)) {
      throw new IllegalArgumentException("database URL '" + url + "': expected one starting with "
          + SUPPORTED_PREFIXES);
    }
  }

  static boolean isSupported(String url) {
    return SUPPORTED_PREFIXES.stream().anyMatch(url::startsWith);
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** Never the password: records print all components, and this one ends up in logs. */
  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + "]";
  }
}
