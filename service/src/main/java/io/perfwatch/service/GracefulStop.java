package io.perfwatch.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import spark.Service;

/**
 * Lets in-flight requests finish before Spark stops Jetty (whose stop closes open connections at once): once
 * draining, new requests get a 503 with {@code Connection: close}, and {@link #drain} waits for the rest.
 */
final class GracefulStop {
  private static final String COUNTED = GracefulStop.class.getName() + ".counted";
  private static final String SHUTTING_DOWN = "{\"error\":{\"code\":\"shutting_down\","
      + "\"message\":\"the server is shutting down; retry shortly\"}}";

  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  void install(Service http) {
    http.before((req, res) -> {
      if (draining) {
        res.header("Connection", "close");
        res.type("application/json");
        http.halt(503, SHUTTING_DOWN);
      }
      inFlight.incrementAndGet();
      req.attribute(COUNTED, Boolean.TRUE);
    });
    http.afterAfter((req, res) -> {
      if (req.attribute(COUNTED) != null) {
        inFlight.decrementAndGet();
      }
    });
  }

  /**
   * Refuses new requests and waits up to {@code timeout} for in-flight ones.
   *
   * @param alsoActive requests still being written (the exporter counts until the last byte; Spark's afterAfter
   *     runs before the body is written)
   * @return whether everything finished in time
   */
  boolean drain(Duration timeout, LongSupplier alsoActive) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0 || alsoActive.getAsLong() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10); // a few polls at shutdown; not worth a condition variable across two counters
    }
    return true;
  }
}
