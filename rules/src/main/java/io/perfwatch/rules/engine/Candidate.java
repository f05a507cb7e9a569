package io.perfwatch.rules.engine;

import io.perfwatch.rules.yaml.RuleDefinition;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One scope instance a detector measured (an endpoint, a query fingerprint, a mount...): the fact a compiled rule's
 * condition judges. Built for every instance in scope, whether or not the condition will hold, so the texts are
 * only composed, through {@code description}, for instances whose condition holds and only when the alert's texts
 * are read (at once for a new alert). The description takes the rule that observes the candidate, so the rules of a
 * cycle that read the same settings can share one list of candidates (see {@link Windows#candidates}).
 *
 * @param traffic what {@code min_requests} is compared to: requests, executions, host samples...
 * @param qualified a detector-specific precondition besides traffic, e.g. memory rising in 80 % of the steps
 * @param raise levels of the rule's own ladder to go up (a frequent slow query hurts more than a rare one)
 */
record Candidate(
    Map<String, String> scope,
    double value,
    long traffic,
    boolean qualified,
    int raise,
    Function<RuleDefinition, Description> description) {

  Candidate {
    scope = Map.copyOf(scope);
    Objects.requireNonNull(description, "description");
  }

  /** A candidate whose texts do not depend on the rule observing it. */
  Candidate(Map<String, String> scope, double value, long traffic, boolean qualified, int raise,
      Supplier<Description> description) {
    this(scope, value, traffic, qualified, raise, rule -> description.get());
  }

  /** A candidate whose texts are cheap enough to compose up front (few instances: hosts, mounts). */
  static Candidate of(Map<String, String> scope, double value, long traffic, boolean qualified,
      Description description) {
    return new Candidate(scope, value, traffic, qualified, 0, rule -> description);
  }

  /**
   * @param vars template variables for annotations ({@code endpoint}, {@code table}...), besides value and threshold
   * @param summary the detector's own summary, used when the rule has no {@code summary} annotation
   * @param recommendation derived from what was measured, used when the rule has no {@code recommendation}
   *     annotation
   */
  record Description(Map<String, String> vars, Map<String, ?> details, String summary, String recommendation) {
    Description {
      vars = Map.copyOf(vars);
      details = Map.copyOf(details);
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(recommendation, "recommendation");
    }
  }
}
