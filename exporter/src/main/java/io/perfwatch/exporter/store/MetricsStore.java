package io.perfwatch.exporter.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Bounded, thread-safe, in-memory history of requests, SQL statements, host samples and N+1 findings that answers
 * windowed questions from 1 minute up to {@code historyHours}.
 *
 * <p><b>Recording</b> is cheap and lock-striped: each endpoint (method + route), SQL fingerprint and tenant owns a
 * {@link TimeSeries} whose current minute is accumulated in a few stripes chosen by thread id, so two threads rarely
 * share a lock and no lock is global. Records are bucketed by their own {@code timestampMillis}; the clock is read
 * only by queries. Counts are exact under concurrency.
 *
 * <p><b>Retention</b>: per key, 61 minute rollups (the last 60 full minutes and the current one) and
 * {@code historyHours} hour rollups; a minute older than that is merged into its hour. Windows up to 60 minutes are
 * answered at minute granularity; for longer ones the old end is widened to the start of its hour, so a window may
 * include up to 59 minutes before its start, never less than asked. Keys without data in the retained history are
 * evicted. Beyond {@code maxEndpoints}, {@code maxFingerprints} or {@code maxTenants} keys, new keys fold into
 * {@code OTHER} (an endpoint keeps its method if it is a standard HTTP method, else becomes {@code OTHER OTHER}).
 * Each raw ring buffer keeps the newest {@code retention} items.
 *
 * <p><b>Percentiles</b> are nearest rank over log-linear duration bins, clamped to the observed [min, max]; within
 * 0.79 % of the exact value for the minute tier, 6.25 % for the hour tier, and p50 &le; p95 &le; p99 &le; max
 * ({@link Bins}).
 *
 * <p><b>Memory</b> grows with the keys seen: a key's closed minutes and hours are each one packed byte array
 * ({@link History}), its current minute at most {@link TimeSeries#MAX_STRIPES} sparse accumulators, whatever the core
 * count. The request and statement rings share {@code retention} over their stripes. {@code StoreMemory} in bench/
 * measures it: about 19 MB at the default caps with every key busy all day, under 4 MB for 50 endpoints and 100
 * fingerprints. Recording a request on an existing endpoint allocates nothing ({@code MetricsStoreHotPathTest}).
 */
public final class MetricsStore {
  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  private static final String NO_PRIMARY = "";
  // Non-capturing method references stored once, so recording allocates no lambda.
  private static final BiConsumer<RequestAccumulator, RequestMetrics> ADD_REQUEST = RequestAccumulator::add;
  private static final BiConsumer<RequestAccumulator, NPlusOneFinding> ADD_N_PLUS_ONE =
      RequestAccumulator::addNPlusOne;
  private static final BiConsumer<QueryAccumulator, DatabaseMetrics> ADD_QUERY = QueryAccumulator::add;
  private static final BiConsumer<TenantAccumulator, RequestMetrics> ADD_TENANT = TenantAccumulator::add;
  private static final BiConsumer<RequestAccumulator, RequestAggregate> ADD_REQUEST_AGGREGATE =
      RequestAccumulator::addAggregate;
  private static final BiConsumer<QueryAccumulator, QueryAggregate> ADD_QUERY_AGGREGATE =
      QueryAccumulator::addAggregate;

  private final LongSupplier clock;
  private final int historyHours;
  private final BoundedTable<RequestAccumulator, RequestRollup> endpoints;
  private final BoundedTable<QueryAccumulator, QueryRollup> queries;
  private final BoundedTable<TenantAccumulator, TenantRollup> tenants;
  private final StripedRing<RequestMetrics> recentRequests;
  private final StripedRing<DatabaseMetrics> recentQueries;
  private final RingBuffer<SystemMetrics> recentSystem;
  private final RingBuffer<NPlusOneFinding> recentNPlusOne;
  private final LongAdder totalRequests = new LongAdder();
  private final AtomicLong expiredMinute = new AtomicLong(Long.MIN_VALUE);

  private MetricsStore(Builder builder) {
    this.clock = builder.clock;
    this.historyHours = builder.historyHours;
    int hours = builder.historyHours;
    this.endpoints = new BoundedTable<>(builder.maxEndpoints,
        method -> STANDARD_METHODS.contains(method) ? method : BoundedTable.OTHER,
        () -> new TimeSeries<>(RequestAccumulator::new, RequestRollup.CODEC, hours));
    this.queries = new BoundedTable<>(builder.maxFingerprints, primary -> primary,
        () -> new TimeSeries<>(QueryAccumulator::new, new QueryRollup.Codec(), hours));
    this.tenants = new BoundedTable<>(builder.maxTenants, primary -> primary,
        () -> new TimeSeries<>(TenantAccumulator::new, TenantRollup.CODEC, hours));
    this.recentRequests = new StripedRing<>(builder.retention, RequestMetrics::timestampMillis);
    this.recentQueries = new StripedRing<>(builder.retention, DatabaseMetrics::timestampMillis);
    this.recentSystem = new RingBuffer<>(builder.retention);
    this.recentNPlusOne = new RingBuffer<>(builder.retention);
  }

  public static Builder builder() {
    return new Builder();
  }

  public void recordRequest(RequestMetrics request) {
    totalRequests.increment();
    StripeHint hint = StripeHint.current();
    recentRequests.add(request, hint);
    long minute = minuteOf(request.timestampMillis());
    endpoints.record(request.method(), request.route(), minute, request, ADD_REQUEST, hint);
    String tenant = request.tenantId();
    if (tenant != null) {
      tenants.record(NO_PRIMARY, tenant, minute, request, ADD_TENANT, hint);
    }
  }

  public void recordQuery(DatabaseMetrics query) {
    StripeHint hint = StripeHint.current();
    recentQueries.add(query, hint);
    queries.record(NO_PRIMARY, query.normalizedSql(), minuteOf(query.timestampMillis()), query, ADD_QUERY, hint);
  }

  public void recordSystem(SystemMetrics sample) {
    recentSystem.add(sample);
  }

  public void recordNPlusOne(NPlusOneFinding finding) {
    recentNPlusOne.add(finding);
    endpoints.record(finding.method(), finding.route(), minuteOf(finding.timestampMillis()), finding, ADD_N_PLUS_ONE);
  }

  /**
   * Adds pre-aggregated requests (for example the difference of two scrapes of another service's
   * {@code http_server_requests_seconds}) to the minute containing {@code aggregate.timestampMillis()}. Counts,
   * errors, status codes, sums (so averages) and query counts are exact; {@link #recentRequests()} gets no raw
   * samples. Tenants are not known for aggregates.
   *
   * <p><b>Percentile error</b>: each bucket's observations enter the bins at one representative value, the bucket's
   * upper bound but at most {@code maxNanos} when known; the {@code +Inf} bucket's at
   * {@code max(previous bound, maxNanos)}. A percentile that falls in bucket {@code (lo, hi]} is therefore reported
   * as {@code hi} (within the bins' error) while the true value is anywhere in {@code (lo, hi]}: it overestimates by
   * at most {@code hi - lo}, so percentiles are only as precise as the bucket layout (with {@code Buckets.HTTP}, e.g.
   * up to 1 s between 1 and 2 s), and never above the maximum. Without buckets every observation enters at the exact
   * average, so percentiles equal the average.
   */
  public void recordAggregate(RequestAggregate aggregate) {
    totalRequests.add(aggregate.count());
    endpoints.record(aggregate.method(), aggregate.route(), minuteOf(aggregate.timestampMillis()), aggregate,
        ADD_REQUEST_AGGREGATE);
  }

  /**
   * Adds pre-aggregated SQL statements to the minute containing {@code aggregate.timestampMillis()}; counts, errors
   * and sums are exact, p95 has the bucket error stated in {@link #recordAggregate(RequestAggregate)}, and
   * {@link #recentQueries()} gets no raw samples.
   */
  public void recordAggregate(QueryAggregate aggregate) {
    queries.record(NO_PRIMARY, aggregate.fingerprint(), minuteOf(aggregate.timestampMillis()), aggregate,
        ADD_QUERY_AGGREGATE);
  }

  /**
   * Records {@code finding} as happening {@code occurrences} times (for example a scraped {@code db_n_plus_one_total}
   * delta): the endpoint's N+1 count grows by exactly that, and the ring buffer holds the finding as often as it
   * would after that many {@link #recordNPlusOne(NPlusOneFinding)} calls.
   */
  public void recordNPlusOne(NPlusOneFinding finding, long occurrences) {
    if (occurrences < 0) {
      throw new IllegalArgumentException("occurrences must not be negative, was " + occurrences);
    }
    for (long i = 0, copies = Math.min(occurrences, recentNPlusOne.capacity()); i < copies; i++) {
      recentNPlusOne.add(finding);
    }
    if (occurrences > 0) {
      endpoints.record(finding.method(), finding.route(), minuteOf(finding.timestampMillis()), occurrences,
          RequestAccumulator::addNPlusOnes);
    }
  }

  /** The window [now - window, now]; {@code window} must be positive and at most {@code historyHours}. */
  public WindowStats window(Duration window) {
    long now = clock.getAsLong();
    return window(now - WindowQuery.windowMillis(window, historyHours), now);
  }

  /** The window [fromMillis, toMillis]; its length must be positive and at most {@code historyHours}. */
  public WindowStats window(long fromMillis, long toMillis) {
    WindowQuery.windowMillis(Duration.ofMillis(toMillis - fromMillis), historyHours);
    expire();
    return new WindowQuery(fromMillis, toMillis).stats(endpoints, queries, tenants,
        recentNPlusOne.between(fromMillis, toMillis, NPlusOneFinding::timestampMillis),
        recentSystem.between(fromMillis, toMillis, SystemMetrics::timestampMillis));
  }

  /**
   * One point per minute or hour of [now - window, now] for one endpoint, oldest first, empty steps included.
   * {@code step} must be 1 minute (window at most 60 minutes, as minute rollups are kept that long) or 1 hour.
   */
  public List<SeriesPoint> endpointSeries(String method, String route, Duration window, Duration step) {
    long windowMillis = WindowQuery.windowMillis(window, historyHours);
    long stepMillis = WindowQuery.stepMillis(window, step);
    long now = clock.getAsLong();
    expire();
    return new WindowQuery(now - windowMillis, now).series(endpoints.find(method, route), stepMillis);
  }

  /** Every request ever recorded, exactly; for reconciliation with other counters. */
  public long totalRequests() {
    return totalRequests.sum();
  }

  /** Minute and hour rollups currently retained over all keys, after dropping what is older than the history. */
  public int retainedRollups() {
    expireNow(clock.getAsLong());
    int[] rollups = new int[1];
    endpoints.forEach((p, s, series) -> rollups[0] += series.retainedRollups());
    queries.forEach((p, s, series) -> rollups[0] += series.retainedRollups());
    tenants.forEach((p, s, series) -> rollups[0] += series.retainedRollups());
    return rollups[0];
  }

  /** The newest {@code retention} requests, oldest first (by timestamp), immutable. */
  public List<RequestMetrics> recentRequests() {
    return recentRequests.snapshot();
  }

  /** The newest {@code retention} statements, oldest first (by timestamp), immutable. */
  public List<DatabaseMetrics> recentQueries() {
    return recentQueries.snapshot();
  }

  public List<SystemMetrics> recentSystem() {
    return recentSystem.snapshot();
  }

  public List<NPlusOneFinding> recentNPlusOne() {
    return recentNPlusOne.snapshot();
  }

  int trackedEndpoints() {
    return endpoints.size();
  }

  /**
   * Expiry moves data by whole clock minutes (idle stripes into their minute, minutes older than the minute ring into
   * their hour, hours out of the history), so after one run in a clock minute another one in the same minute has
   * nothing to move, except what was recorded late in between, which queries read from the stripes just the same. So
   * queries run it once per clock minute: the rule engine asks for several windows per evaluation cycle.
   */
  private void expire() {
    long now = clock.getAsLong();
    if (Math.floorDiv(now, TimeSeries.MINUTE_MILLIS) != expiredMinute.get()) {
      expireNow(now);
    }
  }

  private void expireNow(long now) {
    endpoints.expire(now);
    queries.expire(now);
    tenants.expire(now);
    expiredMinute.set(Math.floorDiv(now, TimeSeries.MINUTE_MILLIS));
  }

  private static long minuteOf(long epochMillis) {
    return Math.floorDiv(epochMillis, TimeSeries.MINUTE_MILLIS);
  }

  /** Settings of a {@link MetricsStore}; every count must be at least 1. */
  public static final class Builder {
    private LongSupplier clock = System::currentTimeMillis;
    private int historyHours = 24;
    private int retention = 10_000;
    private int maxEndpoints = 500;
    private int maxFingerprints = 1_000;
    private int maxTenants = 100;

    private Builder() {}

    /** Epoch milliseconds, read by queries only (recording uses each record's own timestamp). */
    public Builder clock(LongSupplier epochMillis) {
      this.clock = Objects.requireNonNull(epochMillis, "clock");
      return this;
    }

    /** Hours of history kept as hourly rollups, and the longest window a query may ask for; default 24. */
    public Builder historyHours(int hours) {
      this.historyHours = atLeastOne("historyHours", hours);
      return this;
    }

    /** Capacity of each raw ring buffer (requests, queries, system samples, N+1 findings); default 10000. */
    public Builder retention(int capacity) {
      this.retention = atLeastOne("retention", capacity);
      return this;
    }

    /** Distinct method + route keys; later ones fold into route {@code OTHER}; default 500. */
    public Builder maxEndpoints(int max) {
      this.maxEndpoints = atLeastOne("maxEndpoints", max);
      return this;
    }

    /** Distinct SQL fingerprints; later ones fold into fingerprint {@code OTHER}; default 1000. */
    public Builder maxFingerprints(int max) {
      this.maxFingerprints = atLeastOne("maxFingerprints", max);
      return this;
    }

    /** Distinct tenants; later ones fold into tenant {@code OTHER}; default 100. */
    public Builder maxTenants(int max) {
      this.maxTenants = atLeastOne("maxTenants", max);
      return this;
    }

    public MetricsStore build() {
      return new MetricsStore(this);
    }

    private static int atLeastOne(String setting, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
      }
      return value;
    }
  }
}
