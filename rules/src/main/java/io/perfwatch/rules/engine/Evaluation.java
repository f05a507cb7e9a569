package io.perfwatch.rules.engine;

import io.perfwatch.rules.alert.Observation;
import java.util.ArrayList;
import java.util.List;

/** What one rule's evaluation collected through its facts: the observations and whether anything failed. */
final class Evaluation {
  private final List<Observation> observations = new ArrayList<>();
  private boolean failed;

  void add(Observation observation) {
    observations.add(observation);
  }

  void fail() {
    failed = true;
  }

  boolean failed() {
    return failed;
  }

  List<Observation> observations() {
    return List.copyOf(observations);
  }
}
