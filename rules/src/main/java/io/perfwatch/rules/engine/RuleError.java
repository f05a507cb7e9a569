package io.perfwatch.rules.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * The last evaluation error of a rule, for the API.
 *
 * @param message what failed, e.g. {@code condition failed: IllegalStateException: ...}
 * @param count errors of this rule since start
 */
public record RuleError(String rule, String message, Instant at, long count) {

  public RuleError {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }
}
