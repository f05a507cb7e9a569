package io.perfwatch.exporter.internal.http;

import io.perfwatch.exporter.internal.jdbc.RequestQueries;
import org.jspecify.annotations.Nullable;

/**
 * The state of the request that the current thread is serving. One instance per thread, reset per request, so the
 * hot path allocates nothing for it. Route and exception may be filled in by a framework's hooks (the Spark adapter's
 * route matcher) while the request is served, on the request thread.
 */
final class ActiveRequest {
  private static final ThreadLocal<ActiveRequest> CURRENT = ThreadLocal.withInitial(() -> {
    ActiveRequest request = new ActiveRequest();
    InFlightRequests.track(request);
    return request;
  });

  /** This thread's statement accounting, kept here so that a request looks up one thread-local, not several. */
  final RequestQueries queries = RequestQueries.ofCurrentThread();
  /** What the identity extractor reads, bound to the request only while it does. */
  final ReusableInbound inbound = new ReusableInbound();
  /** Written last when a request starts and first when it ends; read by {@link InFlightRequests} on a scrape. */
  volatile boolean active;
  /** The HttpMetrics timing this request: several perfwatch instances may share a JVM (and its threads). */
  @Nullable Object owner;
  long startNanos;
  long startMillis;
  String method = HttpMethods.UNKNOWN;
  @Nullable String tenantId;
  @Nullable String userId;
  @Nullable String route;
  boolean routeLookedUp;
  @Nullable String exception;
  long cpuStartNanos = -1;
  long allocatedStartBytes = -1;

  static ActiveRequest current() {
    return CURRENT.get();
  }

  /**
   * Called by a framework's route hook with the route template that matched (null: none), once per request: the
   * first lookup is the real one. The method is the framework's too (Spark honours {@code X-HTTP-Method-Override}).
   */
  static void routeLookedUp(String method, @Nullable String template) {
    ActiveRequest r = CURRENT.get();
    if (r.active && !r.routeLookedUp) {
      r.routeLookedUp = true;
      r.route = template;
      r.method = method;
      RequestQueries queries = r.queries.ifActive();
      if (queries != null && template != null) {
        queries.route(r.method, "/".equals(template) ? "root" : template); // the statements it runs next
      }
    }
  }

  /** Called when the framework hands an exception to the app's exception handling. */
  static void exceptionRaised(Throwable t) {
    ActiveRequest r = CURRENT.get();
    if (r.active) {
      r.exception = ExceptionNames.of(t);
    }
  }

  void reset() {
    active = false;
    tenantId = null;
    userId = null;
    route = null;
    routeLookedUp = false;
    exception = null;
    cpuStartNanos = -1;
    allocatedStartBytes = -1;
    owner = null;
  }
}
