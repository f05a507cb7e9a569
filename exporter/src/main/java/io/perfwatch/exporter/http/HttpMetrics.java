package io.perfwatch.exporter.http;

import com.sun.management.ThreadMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.jdbc.JdbcMetrics;
import io.perfwatch.exporter.jdbc.RequestQueries;
import io.perfwatch.exporter.meter.InstrumentationErrors;
import io.perfwatch.exporter.meter.LabelLimiter;
import io.perfwatch.exporter.store.RequestMetrics;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Times HTTP requests, whatever the framework: {@link #begin} at the start, {@link #end} with the final status.
 * Records the {@code http.server.requests} timer, queries per request, N+1 findings (through {@link JdbcMetrics}),
 * per-tenant counts, the slow-request log, and one {@link RequestMetrics} for the store.
 */
public final class HttpMetrics {
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final MeterRegistry registry;
  private final PerfWatchConfig config;
  private final JdbcMetrics jdbc;
  private final Consumer<RequestMetrics> sink;
  private final IdentityExtractor identity;
  private final LabelLimiter routes;
  private final TenantLabels tenants;
  private final SlowRequestLogger slowLog;
  private final LongTaskTimer inFlight;
  @SuppressWarnings("unchecked")
  private final ConcurrentHashMap<String, EndpointMeters>[] endpoints = new ConcurrentHashMap[HttpMethods.ALL.length];
  private final ConcurrentHashMap<String, Counter> tenantCounters = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final InstrumentationErrors errors;

  public HttpMetrics(MeterRegistry registry, PerfWatchConfig config, JdbcMetrics jdbc, Consumer<RequestMetrics> sink,
      IdentityExtractor identity) {
    this.registry = registry;
    this.config = config;
    this.jdbc = jdbc;
    this.sink = sink;
    this.identity = identity;
    this.routes = new LabelLimiter(registry, "uri", config.maxRoutes());
    this.tenants = new TenantLabels(registry, config.maxTenants());
    this.slowLog = new SlowRequestLogger(config.slowRequestThresholdMs(), config.verySlowRequestThresholdMs());
    this.errors = new InstrumentationErrors(registry, "http");
    this.inFlight = LongTaskTimer.builder("http.server.requests.active")
        .description("HTTP requests in flight")
        .register(registry);
    for (int i = 0; i < endpoints.length; i++) {
      endpoints[i] = new ConcurrentHashMap<>();
    }
  }

  /**
   * Starts timing the request on the current thread; false when monitoring is off or the path is excluded, in
   * which case {@link #end} must not be called.
   */
  public boolean begin(HttpServletRequest request) {
    try {
      return start(request);
    } catch (RuntimeException e) {
      errors.record(e);
      ActiveRequest.current().reset();
      return false;
    }
  }

  private boolean start(HttpServletRequest request) {
    ActiveRequest r = ActiveRequest.current();
    if (r.active) {
      abandon(r); // the previous request on this thread never reached end(): do not let in-flight drift
    }
    if (!config.enabled() || config.isExcluded(request.getRequestURI())) {
      return false;
    }
    r.startMillis = System.currentTimeMillis();
    r.method = HttpMethods.canonical(request.getMethod());
    r.tenantId = config.trackTenantMetrics() ? tenants.label(identity.tenantId(request)) : null;
    r.userId = config.trackUserMetrics() ? TenantLabels.userId(identity.userId(request)) : null;
    if (config.collectDetailedMetrics()) {
      r.cpuStartNanos = THREADS.getCurrentThreadCpuTime();
      r.allocatedStartBytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    r.inFlight = inFlight.start();
    RequestQueries.begin(r.tenantId);
    r.active = true;
    r.startNanos = System.nanoTime();
    return true;
  }

  /** Sets the route template when the framework knows it only at the end (servlet containers). */
  public void route(@Nullable String template) {
    ActiveRequest r = ActiveRequest.current();
    if (r.active && r.route == null && template != null) {
      r.route = template;
    }
  }

  /** Records the exception that ends the request (the servlet filter's path; Spark's is automatic). */
  public void exception(Throwable t) {
    ActiveRequest.exceptionRaised(t);
  }

  /** Finishes the request on the current thread with the status the client receives. */
  public void end(int status) {
    long endNanos = System.nanoTime();
    ActiveRequest r = ActiveRequest.current();
    if (!r.active) {
      return;
    }
    long durationNanos = endNanos - r.startNanos;
    try {
      int code = status < 100 || status > 599 ? 500 : status;
      String uri = uri(r.route, code);
      String exception = r.exception == null ? ExceptionNames.NONE : r.exception;
      EndpointMeters meters = endpoints[HttpMethods.index(r.method)]
          .computeIfAbsent(uri, u -> new EndpointMeters(registry, r.method, u));
      meters.timer(code, exception).record(durationNanos, TimeUnit.NANOSECONDS);
      requests.increment();
      RequestQueries queries = RequestQueries.current();
      int queryCount = queries == null ? 0 : queries.count();
      long queryNanos = queries == null ? 0 : queries.nanos();
      meters.queriesPerRequest.record(queryCount);
      if (queries != null) {
        jdbc.endRequest(queries, r.method, uri, r.startMillis);
      }
      if (r.tenantId != null) {
        tenantCounter(r.tenantId).increment();
      }
      long cpu = r.cpuStartNanos < 0 ? -1 : THREADS.getCurrentThreadCpuTime() - r.cpuStartNanos;
      long allocated = r.allocatedStartBytes < 0 ? -1
          : THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - r.allocatedStartBytes;
      slowLog.log(r.method, uri, code, durationNanos, queryCount);
      sink.accept(new RequestMetrics(uri, r.method, code, durationNanos, r.startMillis, r.tenantId, r.userId,
          queryCount, queryNanos, exception, cpu, allocated));
    } catch (RuntimeException e) {
      errors.record(e);
    } finally {
      stopInFlight(r);
      r.reset();
    }
  }

  /** Route label: the template, or Micrometer's fallbacks; never the raw path. */
  private String uri(@Nullable String template, int status) {
    if (template != null) {
      return routes.admit(template.isEmpty() || "/".equals(template) ? "root" : template);
    }
    if (status == 404) {
      return "NOT_FOUND";
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    return "UNKNOWN";
  }

  private Counter tenantCounter(String tenant) {
    return tenantCounters.computeIfAbsent(tenant, t -> Counter.builder("http.server.tenant.requests")
        .description("HTTP requests per tenant (at most PERFORMANCE_MAX_TENANTS tenants, then OTHER)")
        .tag("tenant", t)
        .register(registry));
  }

  private void abandon(ActiveRequest r) {
    stopInFlight(r);
    RequestQueries queries = RequestQueries.current();
    if (queries != null) {
      jdbc.endRequest(queries, r.method, "UNKNOWN", r.startMillis);
    }
    r.reset();
  }

  private static void stopInFlight(ActiveRequest r) {
    LongTaskTimer.Sample sample = r.inFlight;
    if (sample != null) {
      sample.stop();
    }
  }

  /** Failures inside this instrumentation so far (zero in a healthy app). */
  public double instrumentationErrors() {
    return errors.count();
  }

  /** Requests recorded since start (for the request rate). */
  public long requestCount() {
    return requests.sum();
  }

  /** Requests in flight now. */
  public long activeRequests() {
    return inFlight.activeTasks();
  }

  /** Distinct route labels admitted so far (never above {@code maxRoutes}). */
  public int routeCount() {
    return routes.size();
  }
}
