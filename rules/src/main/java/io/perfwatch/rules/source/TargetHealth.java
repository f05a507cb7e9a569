package io.perfwatch.rules.source;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one watched target: a scrape target, or an instance a Prometheus server scrapes.
 *
 * @param job the service the target belongs to
 * @param instance the target's {@code host:port}, as Prometheus names it
 * @param target the URL scraped (without credentials or query), "" when Prometheus scrapes it
 * @param up the last scrape succeeded (false before the first)
 * @param lastSuccess when a scrape last succeeded; data after it does not exist, it is not assumed to be zero
 * @param lastError the last failure's message (short, no response body, no stack trace), kept after a recovery
 * @param consecutiveFailures failed scrapes since the last success (0 where Prometheus scrapes)
 * @param scrapeDurationSeconds how long the last scrape took, NaN before the first
 * @param series samples in the last successful scrape, 0 before the first
 */
public record TargetHealth(String job, String instance, String target, boolean up, Optional<Instant> lastSuccess,
    Optional<String> lastError, int consecutiveFailures, double scrapeDurationSeconds, long series) {

  public TargetHealth {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    Objects.requireNonNull(lastError, "lastError");
  }

  public Identity identity() {
    return new Identity(job, instance);
  }
}
