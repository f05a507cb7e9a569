package io.perfwatch.rules.source;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one scrape target.
 *
 * @param up the last scrape succeeded (false before the first)
 * @param lastSuccess when a scrape last succeeded; data after it does not exist, it is not assumed to be zero
 * @param lastError the last failure's message (no stack trace), kept after a recovery
 * @param consecutiveFailures failed scrapes since the last success
 */
public record TargetHealth(
    URI target, boolean up, Optional<Instant> lastSuccess, Optional<String> lastError, int consecutiveFailures) {

  public TargetHealth {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    Objects.requireNonNull(lastError, "lastError");
  }
}
