package io.perfwatch.rules.alert;

import java.time.Duration;
import java.util.Map;

/**
 * How long and how many resolved alerts are kept: both bounds hold, so a flapping rule cannot fill the heap
 * within the retention period.
 */
public record HistoryLimits(Duration retention, int maxAlerts) {
  public static final String HISTORY_HOURS_ENV = "PERFORMANCE_ALERT_HISTORY_HOURS";
  public static final int DEFAULT_HOURS = 72;
  public static final int DEFAULT_MAX_ALERTS = 10_000;

  public HistoryLimits {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("alert history retention must be positive, was " + retention);
    }
    if (maxAlerts < 1) {
      throw new IllegalArgumentException("alert history size must be at least 1, was " + maxAlerts);
    }
  }

  public static HistoryLimits defaults() {
    return new HistoryLimits(Duration.ofHours(DEFAULT_HOURS), DEFAULT_MAX_ALERTS);
  }

  /** {@value #HISTORY_HOURS_ENV} (default 72) and the default count cap. */
  public static HistoryLimits fromEnv(Map<String, String> env) {
    String value = env.get(HISTORY_HOURS_ENV);
    if (value == null || value.isBlank()) {
      return defaults();
    }
    try {
      int hours = Integer.parseInt(value.trim());
      if (hours >= 1) {
        return new HistoryLimits(Duration.ofHours(hours), DEFAULT_MAX_ALERTS);
      }
    } catch (NumberFormatException e) {
      // reported below with what is allowed
    }
    throw new IllegalArgumentException(HISTORY_HOURS_ENV + "='" + value + "' is invalid: expected a whole number "
        + "of hours, at least 1 (default " + DEFAULT_HOURS + ")");
  }
}
