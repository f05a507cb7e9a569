package io.perfwatch.rules.engine;

import io.perfwatch.rules.yaml.RuleDefinition;
import java.util.List;

/** The analysis behind one {@code detector:} kind: turns a window into one candidate per scope instance. */
interface BottleneckDetector {

  /** Every scope instance of the rule in the window, healthy or not; throws if a needed window is unavailable. */
  List<Candidate> candidates(RuleDefinition rule, Windows windows);

  /**
   * Whether, over a fleet, the detector runs once per service or instance on that group's windows (every
   * detector of traffic and resources); false for one that names its groups itself (target health).
   */
  default boolean perGroup() {
    return true;
  }

  /** The least traffic a verdict needs; most detectors take the rule's {@code min_requests}. */
  default long minTraffic(RuleDefinition rule) {
    return rule.minRequests();
  }

  /** The rule's condition; NaN values never hold (a failed reading is not a measurement). */
  default boolean holds(Candidate candidate, double threshold, long minTraffic) {
    return candidate.qualified() && candidate.traffic() >= minTraffic && candidate.value() >= threshold;
  }
}
