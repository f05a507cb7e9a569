package io.perfwatch.exporter.internal.http;

import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The spec's SlowRequestLogger: warns above the slow threshold and logs an error above the very-slow one. */
final class SlowRequestLogger {
  private static final Logger LOG = LoggerFactory.getLogger(SlowRequestLogger.class);

  private final long slowNanos;
  private final long verySlowNanos;
  private final Consumer<String> warn;
  private final Consumer<String> error;

  SlowRequestLogger(double slowThresholdMs, double verySlowThresholdMs) {
    this(slowThresholdMs, verySlowThresholdMs, LOG::warn, LOG::error);
  }

  /** Test seam: where the warn and error lines go. */
  SlowRequestLogger(double slowThresholdMs, double verySlowThresholdMs, Consumer<String> warn,
      Consumer<String> error) {
    this.slowNanos = (long) (slowThresholdMs * 1_000_000);
    this.verySlowNanos = (long) (verySlowThresholdMs * 1_000_000);
    this.warn = warn;
    this.error = error;
  }

  /** One line with method, route template (never the raw path), status, duration and query count. */
  void log(String method, String route, int status, long durationNanos, int queryCount) {
    if (durationNanos <= slowNanos) {
      return;
    }
    boolean verySlow = durationNanos > verySlowNanos;
    String line = String.format(Locale.ROOT, "%s request: %s %s status=%d duration_ms=%.1f queries=%d",
        verySlow ? "Very slow" : "Slow", method, route, status, durationNanos / 1e6, queryCount);
    (verySlow ? error : warn).accept(line);
  }
}
