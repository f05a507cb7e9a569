package io.perfwatch.rules.alert;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per transition: firing and escalations at WARN, pending and resolved at INFO. */
public final class LogSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger("io.perfwatch.alerts");

  @Override
  public void transition(Alert alert) {
    if (alert.state() == AlertState.FIRING) {
      LOG.warn(line(alert));
    } else {
      LOG.info(line(alert));
    }
  }

  static String line(Alert alert) {
    Map<String, String> scope = new TreeMap<>(alert.scope());
    return "alert " + alert.state().label() + " severity=" + alert.severity().label() + " rule=" + alert.rule()
        + " scope=" + scope + " value=" + alert.value() + " threshold=" + alert.threshold();
  }
}
