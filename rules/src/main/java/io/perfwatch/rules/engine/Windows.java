package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The windows of one evaluation cycle, each fetched once however many rules ask for it (a Prometheus source pays a
 * round of queries per window). A failed fetch is remembered too, so every rule that needs it reports the error
 * without hammering a source that is down. Confined to the evaluating thread.
 */
final class Windows {
  private final StatsSource source;
  private final long nowMillis;
  private final Map<Span, Object> fetched = new HashMap<>();

  Windows(StatsSource source, long nowMillis) {
    this.source = source;
    this.nowMillis = nowMillis;
  }

  long nowMillis() {
    return nowMillis;
  }

  /** {@code [now - rule.window, now]}. */
  WindowStats current(RuleDefinition rule) {
    return get(nowMillis - rule.window().toMillis(), nowMillis);
  }

  WindowStats get(long fromMillis, long toMillis) {
    Object result = fetched.computeIfAbsent(new Span(fromMillis, toMillis), this::fetch);
    if (result instanceof WindowUnavailableException failure) {
      throw failure;
    }
    return (WindowStats) result;
  }

  private Object fetch(Span span) {
    try {
      return source.window(span.from, span.to);
    } catch (RuntimeException e) {
      return new WindowUnavailableException("window [" + Instant.ofEpochMilli(span.from) + ", "
          + Instant.ofEpochMilli(span.to) + "] of " + source.describe() + " failed: " + e.getMessage(), e);
    }
  }

  private record Span(long from, long to) {}

  /** A source could not answer; the rules that needed the window report it as their evaluation error. */
  static final class WindowUnavailableException extends IllegalStateException {
    WindowUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
