package io.perfwatch.bench;

import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.testkit.RetainedHeap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap the in-memory store holds once every bounded part of it is full, with perfwatch's default caps: all
 * endpoint, fingerprint and tenant keys tracked, a rollup for every minute of the newest hour and every hour of the
 * history, and every raw ring (each stripe of the request and statement rings) at its retention. Traffic: each
 * endpoint gets {@code requestsPerKeyMinute} requests a minute and each fingerprint half as many statements, with
 * durations log-uniform over 1..1000 ms, so that hourly rollups hold a wide sketch. Measured as the heap in use after
 * full collections with the store reachable, minus the same before it was built. Not a JMH benchmark: one run.
 *
 * <pre>java -Xmx2g -cp bench/target/benchmarks.jar io.perfwatch.bench.StoreMemory</pre>
 */
public final class StoreMemory {
  private static final long START = Instant.parse("2026-01-15T00:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  /** More writer threads than ring stripes, so that every stripe (each thread starts at its id's) is filled. */
  private static final int RING_WRITERS = 16;

  /**
   * The caps that bound the store, as {@link io.perfwatch.exporter.PerfWatch} derives them from the config, and how
   * full the raw rings get: {@code atCaps} writes {@code retention} requests and statements per writer thread (every
   * stripe full, each with the most it could ever hold) and {@code retention} host samples and N+1 findings; else
   * the rings get what an app sends over the history: {@code retention} requests and statements in all, a host
   * sample every 15 s (the default {@code PERFORMANCE_SYSTEM_SAMPLE_SECONDS}) and an N+1 finding a minute.
   */
  record Caps(int routes, int fingerprints, int tenants, int historyHours, int retention, boolean atCaps) {
    static Caps of(PerfWatchConfig config) {
      return new Caps(config.maxRoutes(), config.maxQueryFingerprints(), config.maxTenants(), config.historyHours(),
          config.metricsRetention(), true);
    }

    Caps(int routes, int fingerprints, int tenants, int historyHours, int retention) {
      this(routes, fingerprints, tenants, historyHours, retention, true);
    }

    int perWriter() {
      return atCaps ? retention : retention / RING_WRITERS;
    }

    int systemSamples() {
      return atCaps ? retention : Math.min(retention, historyHours * 240);
    }

    int nPlusOneFindings() {
      return atCaps ? retention : Math.min(retention, historyHours * 60);
    }

    /** Method and route: PerfWatch gives the endpoint table room for two methods per route. */
    int endpoints() {
      return 2 * routes;
    }
  }

  /**
   * @param historyBytes retained once the history is full, before the raw rings are filled
   * @param byClass bytes per class of live objects more than before the store was built: after the history, at the
   *     end (from the JVM's class histogram, which runs a full collection first)
   */
  record Result(long bytes, long historyBytes, int rollups, int recentRequests, int recentQueries, long requests,
      Map<String, long[]> byClass) {}

  private StoreMemory() {}

  /** {@code --quick}: small caps, to check the path (run.sh --quick); the numbers then mean nothing. */
  public static void main(String[] args) throws InterruptedException {
    boolean quick = args.length > 0 && "--quick".equals(args[0]);
    Caps caps = quick ? new Caps(50, 50, 10, 1, 1_000) : Caps.of(PerfWatchConfig.builder().build());
    Caps app = quick ? new Caps(5, 10, 2, 1, 1_000, false) : new Caps(25, 100, 10, 24, caps.retention(), false);
    int perKeyMinute = 5;
    print("store-memory", caps, perKeyMinute, measure(caps, perKeyMinute));
    print("store-memory-app", app, perKeyMinute, measure(app, perKeyMinute));
  }

  private static void print(String name, Caps caps, int perKeyMinute, Result r) {
    System.out.printf("%s bytes=%d rollups=%d endpoints=%d fingerprints=%d tenants=%d history_hours=%d "
        + "retention=%d requests=%d per_key_minute=%d history_bytes=%d%n", name, r.bytes(), r.rollups(),
        caps.endpoints(), caps.fingerprints(), caps.tenants(), caps.historyHours(), caps.retention(), r.requests(),
        perKeyMinute, r.historyBytes());
    System.out.println("  retained by class (top 15; history = before the raw rings were filled):");
    System.out.printf("  %12s %12s  %s%n", "history", "total", "class");
    r.byClass().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(15)
        .forEach(e -> System.out.printf("  %12d %12d  %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
  }

  static Result measure(Caps caps, int requestsPerKeyMinute) throws InterruptedException {
    Map<String, Long> empty = ClassHistogram.take();
    long before = RetainedHeap.bytes();
    AtomicLong clock = new AtomicLong(START);
    MetricsStore store = MetricsStore.builder().clock(clock::get).historyHours(caps.historyHours())
        .retention(caps.retention()).maxEndpoints(caps.endpoints()).maxFingerprints(caps.fingerprints())
        .maxTenants(caps.tenants()).build();
    Traffic traffic = new Traffic(caps);
    // The whole history, then half an hour more: every hourly slot of the history is then closed and full, and so is
    // every minute slot of the newest hour (ending on the hour would leave the newest hourly slot still empty).
    long minutes = (caps.historyHours() + 1) * 60L + 30;
    for (long m = 0; m < minutes; m++) {
      long now = START + m * MINUTE;
      clock.set(now);
      traffic.minute(store, now, requestsPerKeyMinute);
      store.window(Duration.ofMinutes(1)); // upkeep once a clock minute, as every rule evaluation cycle does
    }
    long history = RetainedHeap.bytes();
    Map<String, Long> historyClasses = ClassHistogram.take();
    long histogram = RetainedHeap.bytes() - history; // what that map retains, not the store's
    fillRawRings(store, traffic, clock.get(), caps);
    long after = RetainedHeap.bytes();
    Map<String, Long> endClasses = ClassHistogram.take();
    Map<String, long[]> byClass = new HashMap<>();
    endClasses.forEach((name, bytes) -> byClass.put(name, new long[] {
        historyClasses.getOrDefault(name, 0L) - empty.getOrDefault(name, 0L), bytes - empty.getOrDefault(name, 0L)}));
    Result result = new Result(after - before - histogram, history - before, store.retainedRollups(),
        store.recentRequests().size(), store.recentQueries().size(), store.totalRequests(), byClass);
    if (store.recentSystem().size() != caps.systemSamples()
        || store.recentNPlusOne().size() != caps.nPlusOneFindings()) {
      throw new IllegalStateException("a raw ring is not as full as asked"); // also keeps the store reachable
    }
    return result;
  }

  /** Requests and statements from more threads than stripes; host samples and N+1 findings as {@code caps} says. */
  private static void fillRawRings(MetricsStore store, Traffic traffic, long now, Caps caps)
      throws InterruptedException {
    int retention = caps.perWriter();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < RING_WRITERS; t++) {
      int writer = t;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < retention; i++) {
          store.recordRequest(traffic.request(writer * retention + i, now));
          store.recordQuery(traffic.query(writer * retention + i, now));
        }
      });
      thread.start();
      writers.add(thread);
    }
    for (Thread writer : writers) {
      writer.join();
    }
    for (int i = 0; i < caps.systemSamples(); i++) {
      store.recordSystem(new SystemMetrics(now, 50, 1.5, 60, 2048, Map.of("/", 40.0), 12, 100, 0));
    }
    for (int i = 0; i < caps.nPlusOneFindings(); i++) {
      store.recordNPlusOne(new NPlusOneFinding(now, "GET", traffic.route(i), "orders",
          "SELECT * FROM orders WHERE user_id = ?", 12, TimeUnit.MILLISECONDS.toNanos(24)));
    }
  }

  /**
   * Keys and table names made once, as an app's constant SQL and routes are; durations from a fixed seed (the ring
   * writers draw from it concurrently, so only their order varies).
   */
  private static final class Traffic {
    private static final String[] METHODS = {"GET", "POST"};
    private final String[] routes;
    private final String[] fingerprints;
    private final String[] tenants;
    private final String[] tables;
    private final Random random = new Random(42);

    Traffic(Caps caps) {
      routes = new String[caps.routes()];
      for (int i = 0; i < routes.length; i++) {
        routes[i] = "/api/resource" + i + "/:id";
      }
      fingerprints = new String[caps.fingerprints()];
      for (int i = 0; i < fingerprints.length; i++) {
        fingerprints[i] = "SELECT id, name, total FROM table" + i + " WHERE id = ? AND status = ?";
      }
      tables = new String[50];
      for (int i = 0; i < tables.length; i++) {
        tables[i] = "table" + i;
      }
      tenants = new String[caps.tenants()];
      for (int i = 0; i < tenants.length; i++) {
        tenants[i] = "tenant-" + i;
      }
    }

    String route(int i) {
      return routes[i % routes.length];
    }

    void minute(MetricsStore store, long now, int requestsPerKeyMinute) {
      for (int r = 0; r < requestsPerKeyMinute; r++) {
        for (int k = 0; k < 2 * routes.length; k++) {
          store.recordRequest(request(k, now));
        }
      }
      for (int r = 0; r < (requestsPerKeyMinute + 1) / 2; r++) {
        for (int f = 0; f < fingerprints.length; f++) {
          store.recordQuery(query(f, now));
        }
      }
    }

    /** Endpoint {@code k mod endpoints}: route k/2, GET or POST by parity; a 500 one time in fifty. */
    RequestMetrics request(int k, long now) {
      int endpoint = k % (2 * routes.length);
      return new RequestMetrics(routes[endpoint / 2], METHODS[endpoint % 2], k % 50 == 0 ? 500 : 200, nanos(),
          now, tenants[k % tenants.length], null, 2, nanos() / 10, "None", -1, -1);
    }

    DatabaseMetrics query(int f, long now) {
      return new DatabaseMetrics(fingerprints[f % fingerprints.length], "SELECT", tables[f % tables.length], nanos() / 10,
          now, null, 1, 20_000, "success", null);
    }

    /** 1..1000 ms, log-uniform. */
    private long nanos() {
      return (long) (1e6 * Math.pow(1000, random.nextDouble()));
    }
  }
}
