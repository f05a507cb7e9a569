package io.perfwatch.exporter.internal.jdbc;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The statements of one HTTP request, on the request's thread. The HTTP filter calls {@link #begin(String)} when a
 * request starts, {@link #route(String, String)} once the route is known, reads {@link #count()} and {@link #nanos()},
 * and hands the instance to {@link JdbcMetrics#endRequest} at the end, in a {@code finally}: until then, statements
 * on this (pooled) thread are attributed to the request. One instance per thread is reused, so a
 * request allocates nothing here. At most {@value #MAX_FINGERPRINTS} distinct fingerprints are tracked per request
 * (compared by identity, in a linear scan that beats hashing at this size; statements beyond the fingerprint cap by
 * their normalized SQL, so N+1 detection does not depend on the cap); further ones still count in
 * {@link #count()} and {@link #nanos()}.
 */
public final class RequestQueries {
  static final int MAX_FINGERPRINTS = 64;

  private static final ThreadLocal<RequestQueries> THREAD = ThreadLocal.withInitial(RequestQueries::new);

  private final QueryFingerprint[] fingerprints = new QueryFingerprint[MAX_FINGERPRINTS];
  private final int[] repeats = new int[MAX_FINGERPRINTS];
  private final long[] fingerprintNanos = new long[MAX_FINGERPRINTS];
  private int distinct;
  private boolean active;
  private int count;
  private long nanos;
  private @Nullable String tenantId;
  private @Nullable String method;
  private @Nullable String route;

  private RequestQueries() {}

  /** Starts accounting on this thread, discarding whatever an unfinished earlier request left. */
  public static RequestQueries begin(@Nullable String tenantId) {
    return THREAD.get().start(tenantId);
  }

  /** The request in progress on this thread, if any. */
  public static @Nullable RequestQueries current() {
    return THREAD.get().ifActive();
  }

  /**
   * This thread's instance, active or not, for a caller that keeps per-thread state of its own (the HTTP filter's):
   * it then uses {@link #start} and {@link #ifActive} instead of a thread-local lookup per call. Use it on this
   * thread only.
   */
  public static RequestQueries ofCurrentThread() {
    return THREAD.get();
  }

  /** {@link #begin} on an instance from {@link #ofCurrentThread}, on its thread. */
  public RequestQueries start(@Nullable String tenantId) {
    reset();
    active = true;
    this.tenantId = tenantId;
    return this;
  }

  /** This instance while a request is in progress on its thread, else null ({@link #current} without the lookup). */
  public @Nullable RequestQueries ifActive() {
    return active ? this : null;
  }

  /** Sets the route template once known, so later statements carry it. */
  public RequestQueries route(String method, String route) {
    this.method = method;
    this.route = route;
    return this;
  }

  /** Statements executed so far in this request. */
  public int count() {
    return count;
  }

  /** Total statement time so far in this request. */
  public long nanos() {
    return nanos;
  }

  public @Nullable String tenantId() {
    return tenantId;
  }

  public @Nullable String method() {
    return method;
  }

  public @Nullable String route() {
    return route;
  }

  public boolean active() {
    return active;
  }

  void record(QueryFingerprint fingerprint, long elapsedNanos) {
    count++;
    nanos += elapsedNanos;
    for (int k = 0; k < distinct; k++) {
      if (fingerprints[k] == fingerprint
          || fingerprint.overflow() && fingerprint.sameStatementBeyondCap(fingerprints[k])) {
        repeats[k]++;
        fingerprintNanos[k] += elapsedNanos;
        return;
      }
    }
    if (distinct < MAX_FINGERPRINTS) {
      fingerprints[distinct] = fingerprint;
      repeats[distinct] = 1;
      fingerprintNanos[distinct] = elapsedNanos;
      distinct++;
    }
  }

  int distinct() {
    return distinct;
  }

  QueryFingerprint fingerprint(int index) {
    return fingerprints[index];
  }

  int repeats(int index) {
    return repeats[index];
  }

  long nanos(int index) {
    return fingerprintNanos[index];
  }

  /** Ends accounting: later statements on this thread are no longer attributed; the totals stay readable. */
  public void end() {
    active = false;
  }

  private void reset() {
    Arrays.fill(fingerprints, 0, distinct, null);
    distinct = 0;
    active = false;
    count = 0;
    nanos = 0;
    tenantId = null;
    method = null;
    route = null;
  }
}
