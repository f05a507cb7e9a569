package io.perfwatch.rules.alert;

import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers transitions as "state severity rule" lines, the way an operator reads them. */
public final class RecordingSink implements AlertSink {
  public final List<Alert> transitions = new CopyOnWriteArrayList<>();

  @Override
  public void transition(Alert alert) {
    transitions.add(alert);
  }

  public List<String> lines() {
    return transitions.stream().map(a -> a.state().label() + " " + a.severity().label() + " " + a.rule() + " "
        + new TreeMap<>(a.scope())).toList();
  }
}
