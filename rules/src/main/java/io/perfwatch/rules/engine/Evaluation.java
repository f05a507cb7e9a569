package io.perfwatch.rules.engine;

import io.perfwatch.rules.alert.Observation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What one rule's evaluation collected through its facts: the observations and whether anything failed. */
final class Evaluation {
  private final List<Observation> observations = new ArrayList<>();
  private boolean failed;

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
    return Collections.unmodifiableList(observations);
  }
}
