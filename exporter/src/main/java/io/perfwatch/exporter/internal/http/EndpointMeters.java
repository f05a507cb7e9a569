package io.perfwatch.exporter.internal.http;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.perfwatch.exporter.internal.meter.Buckets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one endpoint (method + uri), created once and then found without a registry lookup: timers by
 * status in an array for the common no-exception case, by status and exception in a map for the rare one.
 */
final class EndpointMeters {
  private static final int MIN_STATUS = 100;

  private final MeterRegistry registry;
  private final String method;
  private final String uri;
  private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(500);
  private final ConcurrentHashMap<String, Timer> byStatusAndException = new ConcurrentHashMap<>();
  private volatile @Nullable DistributionSummary queriesPerRequest;

  EndpointMeters(MeterRegistry registry, String method, String uri) {
    this.registry = registry;
    this.method = method;
    this.uri = uri;
  }

  /** Registered on first use: apps without a wrapped DataSource get no queries-per-request series. */
  DistributionSummary queriesPerRequest() {
    DistributionSummary summary = queriesPerRequest;
    if (summary == null) {
      summary = DistributionSummary.builder("db.queries.per.request")
          .description("Number of SQL statements one HTTP request executed")
          .tags("method", method, "uri", uri)
          .serviceLevelObjectives(Buckets.QUERY_COUNT)
          .register(registry);
      queriesPerRequest = summary;
    }
    return summary;
  }

  /** @param status 100..599 (callers clamp anything else) */
  Timer timer(int status, String exception) {
    if (ExceptionNames.NONE.equals(exception)) {
      Timer timer = byStatus.get(status - MIN_STATUS);
      if (timer == null) {
        timer = register(status, exception);
        byStatus.set(status - MIN_STATUS, timer);
      }
      return timer;
    }
    return byStatusAndException.computeIfAbsent(status + " " + exception, k -> register(status, exception));
  }

  private Timer register(int status, String exception) {
    // Registration is idempotent in Micrometer: a racing thread gets the same Timer back.
    return Timer.builder("http.server.requests")
        .description("Duration of HTTP server requests, by route template")
        .tags("method", method, "uri", uri, "status", Integer.toString(status),
            "outcome", Outcome.forStatus(status).name(), "exception", exception)
        .serviceLevelObjectives(Buckets.HTTP)
        .register(registry);
  }
}
