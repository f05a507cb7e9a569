package io.perfwatch.rules.engine;

import java.util.Map;
import java.util.Objects;

/**
 * One scope instance a detector measured (an endpoint, a query fingerprint, a mount...): the fact a compiled rule's
 * condition judges. Built for every instance in scope, whether or not the condition will hold.
 *
 * @param traffic what {@code min_requests} is compared to: requests, executions, host samples...
 * @param qualified a detector-specific precondition besides traffic, e.g. memory rising in 80 % of the steps
 * @param vars template variables for annotations ({@code endpoint}, {@code table}...), besides value and threshold
 * @param summary the detector's own summary, used when the rule has no {@code summary} annotation
 * @param recommendation derived from what was measured, used when the rule has no {@code recommendation} annotation
 * @param raise severity levels added to the ladder's (a frequent slow query hurts more than a rare one)
 */
record Candidate(
    Map<String, String> scope,
    double value,
    long traffic,
    boolean qualified,
    Map<String, String> vars,
    Map<String, String> details,
    String summary,
    String recommendation,
    int raise) {

  Candidate(Map<String, String> scope, double value, long traffic, boolean qualified, Map<String, String> vars,
      Map<String, String> details, String summary, String recommendation) {
    this(scope, value, traffic, qualified, vars, details, summary, recommendation, 0);
  }

  Candidate {
    scope = Map.copyOf(scope);
    vars = Map.copyOf(vars);
    details = Map.copyOf(details);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(recommendation, "recommendation");
  }
}
