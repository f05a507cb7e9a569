package io.perfwatch.exporter.internal.http;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests in flight, read from the per-thread {@link ActiveRequest}s when scraped instead of being tracked per
 * request: Micrometer's long task timer keeps every active sample in a skip list ordered by start time, and two
 * threads adding and removing at its head cost about 2 µs a request in cache-line contention (JFR, bench/README).
 * Exposes the same series as that timer did: {@code http_server_requests_active_seconds_count} (in flight now),
 * {@code _sum} (their running time) and {@code http_server_requests_active_seconds_max} (the longest).
 */
final class InFlightRequests {
  // Every thread's ActiveRequest, weakly: a dead thread's entry goes with its thread.
  private static final Set<ActiveRequest> ALL = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<>()));

  private final Object owner;

  InFlightRequests(MeterRegistry registry, Object owner) {
    this.owner = owner;
    FunctionTimer.builder("http.server.requests.active", this, f -> f.snapshot().count(),
            f -> f.snapshot().totalNanos(), TimeUnit.NANOSECONDS)
        .description("HTTP requests in flight")
        .register(registry);
    Gauge.builder("http.server.requests.active.seconds.max", this, f -> f.snapshot().maxNanos() / 1e9)
        .description("Running time of the longest HTTP request in flight, in seconds")
        .register(registry);
  }

  /** Called once per thread, when its ActiveRequest is created. */
  static void track(ActiveRequest request) {
    ALL.add(request);
  }

  long count() {
    return snapshot().count();
  }

  Snapshot snapshot() {
    long now = System.nanoTime();
    long count = 0;
    long total = 0;
    long max = 0;
    synchronized (ALL) {
      for (ActiveRequest r : ALL) {
        if (r.active && r.owner == owner) { // active is volatile: the fields written before it are visible
          long running = Math.max(0, now - r.startNanos);
          count++;
          total += running;
          max = Math.max(max, running);
        }
      }
    }
    return new Snapshot(count, total, max);
  }

  record Snapshot(long count, long totalNanos, long maxNanos) {}
}
