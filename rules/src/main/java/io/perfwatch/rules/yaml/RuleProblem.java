package io.perfwatch.rules.yaml;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing wrong in a rule file.
 *
 * @param rule the rule the problem belongs to, or {@code null} for file- and group-level problems
 * @param message what is wrong, with the bad value and what is expected
 */
public record RuleProblem(SourcePosition position, @Nullable String rule, String message) {

  public RuleProblem {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line:column: rule 'x': message}, without the rule part when there is no rule. */
  @Override
  public String toString() {
    return rule == null ? position + ": " + message : position + ": rule '" + rule + "': " + message;
  }
}
