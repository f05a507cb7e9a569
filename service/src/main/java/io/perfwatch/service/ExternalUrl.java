package io.perfwatch.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where users reach this service ({@value #ENV}), for links that leave it, such as an alert's {@code generatorURL}
 * in Alertmanager. Set it when perfwatch runs behind a proxy, a load balancer or a port mapping; by default it is
 * {@code http://<hostname>:<port>} with the port the server is bound to, as Prometheus's {@code --web.external-url}.
 */
final class ExternalUrl {
  static final String ENV = "PERFORMANCE_EXTERNAL_URL";

  private ExternalUrl() {}

  /**
   * The URL of {@value #ENV} without a trailing slash; empty when unset or blank. Anything else throws an
   * {@link IllegalArgumentException} without a message: {@link ServiceSettings#EXTERNAL_URL} says what is allowed.
   */
  static Optional<URI> parse(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.strip();
    URI uri = null;
    try {
      uri = URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
    } catch (IllegalArgumentException e) {
      // reported below with what is allowed
    }
    if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())
        || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException((String) null); // the setting's declaration says what is allowed
    }
    return Optional.of(uri);
  }

  /** {@code http://<this host's name>:<port>}, or {@code localhost} when the name cannot be read. */
  static URI defaultFor(int port) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return URI.create("http://" + host + ":" + port);
  }
}
