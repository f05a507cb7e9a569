package io.perfwatch.exporter.internal.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.http.IdentityExtractor;
import io.perfwatch.exporter.http.InboundRequest;
import io.perfwatch.exporter.internal.jdbc.JdbcMetrics;
import io.perfwatch.exporter.internal.jdbc.RequestQueries;
import io.perfwatch.exporter.internal.meter.InstrumentationErrors;
import io.perfwatch.exporter.internal.meter.LabelLimiter;
import io.perfwatch.exporter.store.RequestMetrics;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Times HTTP requests, whatever the framework: {@link #begin} at the start, {@link #end} with the final status.
 * Records the {@code http.server.requests} timer, queries per request, N+1 findings (through {@link JdbcMetrics}),
 * per-tenant counts, the slow-request log, and one {@link RequestMetrics} for the store.
 */
public final class HttpMetrics {
  private final MeterRegistry registry;
  private final PerfWatchConfig config;
  private final JdbcMetrics jdbc;
  private final Consumer<RequestMetrics> sink;
  private final IdentityExtractor identity;
  private final LabelLimiter routes;
  private final TenantLabels tenants;
  private final SlowRequestLogger slowLog;
  private final InFlightRequests inFlight;
  @SuppressWarnings("unchecked")
  private final ConcurrentHashMap<String, EndpointMeters>[] endpoints = new ConcurrentHashMap[HttpMethods.ALL.length];
  private final ConcurrentHashMap<String, Counter> tenantCounters = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final InstrumentationErrors errors;
  // The configured exclusions and those added by exclude(), copied on write: every request scans it, and an array
  // of a few paths is scanned without hashing the request's path or iterating a set.
  private volatile String[] excluded;
  private final @Nullable ThreadUsage threadUsage;

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
    this.threadUsage = config.collectDetailedMetrics() ? new ThreadUsage() : null;
    this.inFlight = new InFlightRequests(registry, this);
    this.excluded = config.excludePaths().toArray(String[]::new);
    for (int i = 0; i < endpoints.length; i++) {
      endpoints[i] = new ConcurrentHashMap<>();
    }
  }

  /**
   * Starts timing the request on the current thread; false when monitoring is off or the path is excluded, in
   * which case {@link #end} must not be called.
   */
  public <R> boolean begin(R request, RequestReader<R> reader) {
    try {
      return start(request, reader);
    } catch (RuntimeException e) {
      errors.record(e);
      release(ActiveRequest.current());
      return false;
    }
  }

  private boolean isExcluded(String path) {
    for (String e : excluded) {
      if (PerfWatchConfig.isAtOrBelow(path, e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Also leaves {@code path} and the paths below it unrecorded (the /metrics route wherever it is mounted, a
   * monitoring API that should not count as the app's traffic).
   */
  public synchronized void exclude(String path) {
    String[] now = excluded;
    if (!Arrays.asList(now).contains(path)) {
      String[] more = Arrays.copyOf(now, now.length + 1);
      more[now.length] = path;
      excluded = more;
    }
  }

  private <R> boolean start(R request, RequestReader<R> reader) {
    ActiveRequest r = ActiveRequest.current();
    if (r.active) {
      errors.record(new IllegalStateException("a request on this thread never ended; it is not recorded"));
      release(r); // do not let in-flight drift or its statements count for the next request
    }
    String path = reader.path(request);
    if (!config.enabled() || isExcluded(path)) {
      return false;
    }
    r.startMillis = System.currentTimeMillis();
    r.method = HttpMethods.canonical(reader.method(request));
    if (config.trackTenantMetrics() || config.trackUserMetrics()) {
      InboundRequest view = r.inbound.bind(request, reader);
      try {
        r.tenantId = config.trackTenantMetrics() ? tenants.label(identity.tenantId(view)) : null;
        r.userId = config.trackUserMetrics() ? TenantLabels.userId(identity.userId(view)) : null;
      } finally {
        r.inbound.clear();
      }
    }
    if (threadUsage != null) {
      r.cpuStartNanos = threadUsage.cpuNanos();
      r.allocatedStartBytes = threadUsage.allocatedBytes();
    }
    r.owner = this;
    r.queries.start(r.tenantId);
    r.startNanos = System.nanoTime();
    r.active = true; // volatile, last: publishes the fields above to InFlightRequests
    return true;
  }

  /** Sets the route template when the framework knows it only at the end (servlet containers). */
  public void route(@Nullable String template) {
    ActiveRequest r = ActiveRequest.current();
    if (r.active && r.route == null && template != null) {
      r.route = template;
    }
  }

  /** Records the exception that ends the request on the current thread (when the framework hands it over). */
  public static void exception(Throwable t) {
    ActiveRequest.exceptionRaised(t);
  }

  /**
   * Called by a framework's route matcher on the request thread with the method it matched and the route template
   * (null: no route matched); the first call of a request counts. The method should be an upper-case constant.
   */
  public static void routeMatched(String method, @Nullable String template) {
    ActiveRequest.routeLookedUp(HttpMethods.canonical(method), template);
  }

  /** Finishes the request on the current thread with the status the client receives. */
  public void end(int status) {
    long endNanos = System.nanoTime();
    ActiveRequest r = ActiveRequest.current();
    if (!r.active) {
      return;
    }
    RequestQueries queries = r.queries.ifActive();
    String uri = "UNKNOWN";
    try {
      long durationNanos = endNanos - r.startNanos;
      int code = status < 100 || status > 599 ? 500 : status;
      uri = uri(r.route, code);
      String exception = r.exception == null ? ExceptionNames.NONE : r.exception;
      EndpointMeters meters = endpointMeters(r.method, uri);
      meters.timer(code, exception).record(durationNanos, TimeUnit.NANOSECONDS);
      requests.increment();
      int queryCount = queries == null ? 0 : queries.count();
      long queryNanos = queries == null ? 0 : queries.nanos();
      if (jdbc.inUse()) {
        meters.queriesPerRequest().record(queryCount);
      }
      if (r.tenantId != null) {
        tenantCounter(r.tenantId).increment();
      }
      long cpu = r.cpuStartNanos < 0 || threadUsage == null ? -1 : threadUsage.cpuNanos() - r.cpuStartNanos;
      long allocated = r.allocatedStartBytes < 0 || threadUsage == null ? -1
          : threadUsage.allocatedBytes() - r.allocatedStartBytes;
      slowLog.log(r.method, uri, code, durationNanos, queryCount);
      sink.accept(new RequestMetrics(uri, r.method, code, durationNanos, r.startMillis, r.tenantId, r.userId,
          queryCount, queryNanos, exception, cpu, allocated));
    } catch (RuntimeException e) {
      errors.record(e);
    } finally {
      try {
        if (queries != null) {
          jdbc.endRequest(queries, r.method, uri, r.startMillis); // N+1 detection; unbinds the thread's queries
        }
      } finally {
        release(r);
      }
    }
  }

  private EndpointMeters endpointMeters(String method, String uri) {
    ConcurrentHashMap<String, EndpointMeters> byUri = endpoints[HttpMethods.index(method)];
    EndpointMeters meters = byUri.get(uri); // get first: computeIfAbsent's capturing lambda would allocate
    return meters != null ? meters : byUri.computeIfAbsent(uri, u -> new EndpointMeters(registry, method, u));
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
    Counter counter = tenantCounters.get(tenant);
    return counter != null ? counter : tenantCounters.computeIfAbsent(tenant, t -> Counter.builder("http.server.tenant.requests")
        .description("HTTP requests per tenant (at most PERFORMANCE_MAX_TENANTS tenants, then OTHER)")
        .tag("tenant", t)
        .register(registry));
  }

  /** Stops the in-flight sample, unbinds the thread's query accounting and clears the request; never throws. */
  private void release(ActiveRequest r) {
    try {
      RequestQueries queries = r.queries.ifActive();
      if (queries != null) {
        queries.end();
      }
    } catch (RuntimeException e) {
      errors.record(e);
    } finally {
      r.reset();
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
    return inFlight.count();
  }

  /** Distinct route labels admitted so far (never above {@code maxRoutes}). */
  public int routeCount() {
    return routes.size();
  }
}
