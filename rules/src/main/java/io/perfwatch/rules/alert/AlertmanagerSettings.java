package io.perfwatch.rules.alert;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Delivery bounds of the {@link AlertmanagerSink}: timeouts, retries with doubling backoff, the queue of ended
 * alerts (resolved, or replaced by another severity), how long shutdown may spend on a last attempt, and how often
 * firing alerts are re-sent ({@code resendDelay}, as Prometheus's {@code --rules.alert.resend-delay}).
 */
public record AlertmanagerSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxAttempts,
    int maxResolved,
    Duration flushDeadline,
    Duration resendDelay) {

  public AlertmanagerSettings {
    if (maxAttempts < 1 || maxResolved < 1) {
      throw new IllegalArgumentException("maxAttempts and maxResolved must be at least 1, were " + maxAttempts
          + " and " + maxResolved);
    }
    if (resendDelay.isNegative() || resendDelay.isZero()) {
      throw new IllegalArgumentException("resendDelay must be positive, was " + resendDelay);
    }
  }

  /**
   * 2 s connect, 5 s request, 0.5 s backoff doubling to 30 s, 6 attempts, 1,000 ended alerts, 5 s flush, firing
   * alerts re-sent every minute (Prometheus's default).
   */
  public static AlertmanagerSettings defaults() {
    return new AlertmanagerSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(500),
        Duration.ofSeconds(30), 6, 1_000, Duration.ofSeconds(5), Duration.ofMinutes(1));
  }

  /** The Alertmanager base URL from {@code PERFORMANCE_ALERTMANAGER_URL}; empty when unset or blank. */
  static Optional<URI> url(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    URI uri = null;
    try {
      uri = URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      // reported below with what is allowed
    }
    if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
      throw new IllegalArgumentException(AlertmanagerSink.URL_ENV + "='" + value + "' is invalid: expected an "
          + "http(s) URL such as http://alertmanager:9093");
    }
    return Optional.of(uri);
  }
}
