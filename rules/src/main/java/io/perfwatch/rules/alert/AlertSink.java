package io.perfwatch.rules.alert;

import java.util.List;

/** Where alerts go. Sinks must not block evaluation: slow work belongs on the sink's own thread. */
public interface AlertSink {

  /** An alert changed state (pending, firing, resolved) or severity. */
  void transition(Alert alert);

  /** After each evaluation cycle: every alert now pending or firing. */
  default void cycle(List<Alert> active) {}

  /** After each evaluation cycle, with its time and the rules' intervals; by default {@code cycle(active)}. */
  default void cycle(Cycle cycle) {
    cycle(cycle.active());
  }

  /** Deliver what is queued; called on shutdown. */
  default void flush() {}
}
