package io.perfwatch.rules.engine;

import io.perfwatch.rules.alert.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What one rule's evaluation collected through its facts: the observations and whether anything failed. */
final class Evaluation {
  private final List<Observation> observations = new ArrayList<>();
  private final Predicate<Map<String, String>> tracked;
  private boolean failed;

  /** @param tracked whether the rule already has an alert for a scope */
  Evaluation(Predicate<Map<String, String>> tracked) {
    this.tracked = tracked;
  }

  boolean isTracked(Map<String, String> scope) {
    return tracked.test(scope);
  }

  void add(Observation observation) {
    observations.add(observation);
  }

  /** True the first time only, so a rule that throws for each of 500 endpoints is one error per evaluation. */
  boolean fail() {
    boolean first = !failed;
    failed = true;
    return first;
  }

  boolean failed() {
    return failed;
  }

  List<Observation> observations() {
    return List.copyOf(observations);
  }
}
