package io.perfwatch.rules.alert;

import java.time.Instant;
import java.util.Map;

/** The tracker's mutable state of one pending or firing alert. Guarded by the tracker's lock. */
final class TrackedAlert {
  Alert alert;
  Instant lastTrue;
  Map<String, String> ruleLabels; // the observation labels the alert's labels were built from
  long seen; // the last AlertTracker.apply() that observed the scope
  boolean removed;

  TrackedAlert(Alert alert, Instant lastTrue, Map<String, String> ruleLabels) {
    this.alert = alert;
    this.lastTrue = lastTrue;
    this.ruleLabels = ruleLabels;
  }
}
