package io.perfwatch.rules.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.alert.MetricsSink;
import io.perfwatch.rules.alert.RecordingSink;
import io.perfwatch.rules.alert.TestRules;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A real exporter store on a fake clock, a real engine and tracker, and helpers to record realistic traffic. */
class Fixture implements StatsSource {
  static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

  final AtomicLong now = new AtomicLong(T0.toEpochMilli());
  final MetricsStore store = MetricsStore.builder().clock(now::get).historyHours(48).build();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RecordingSink sink = new RecordingSink();
  final AtomicInteger windowsFetched = new AtomicInteger();
  final AlertTracker tracker;
  final RuleEngine engine;

  Fixture() {
    this(new RuleCompiler());
  }

  Fixture(RuleCompiler compiler) {
    this(compiler, Duration.ofDays(1));
  }

  /**
   * The engine starts {@code collecting} before {@link #T0}, the time the tests start at: rates divide by the part
   * of a window the source has data for ({@link io.perfwatch.rules.source.Coverage}), so by default the service has
   * run for a day, longer than any window.
   */
  Fixture(RuleCompiler compiler, Duration collecting) {
    now.set(T0.minus(collecting).toEpochMilli());
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(now.get());
      }
    };
    tracker = new AlertTracker(clock, HistoryLimits.defaults(), List.of(sink, new MetricsSink(registry)));
    engine = new RuleEngine(this, tracker, registry, compiler);
    now.set(T0.toEpochMilli());
  }

  @Override
  public WindowStats window(long fromMillis, long toMillis) {
    windowsFetched.incrementAndGet();
    return store.window(fromMillis, toMillis);
  }

  @Override
  public long nowMillis() {
    return now.get();
  }

  @Override
  public String describe() {
    return "test store";
  }

  Instant now() {
    return Instant.ofEpochMilli(now.get());
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toMillis());
  }

  /** {@code count} requests spread over the last minute before now. */
  void requests(int count, String method, String route, int status, double ms) {
    requests(count, method, route, status, ms, 0, 0);
  }

  void requests(int count, String method, String route, int status, double ms, int queries, double queryMs) {
    for (int i = 0; i < count; i++) {
      store.recordRequest(new RequestMetrics(route, method, status, (long) (ms * 1e6), now.get() - 60_000 + i,
          null, null, queries, (long) (queryMs * 1e6), "None", -1, -1));
    }
  }

  void queries(int count, String sql, String operation, String table, double ms) {
    for (int i = 0; i < count; i++) {
      store.recordQuery(new DatabaseMetrics(sql, operation, table, (long) (ms * 1e6), now.get() - 60_000 + i, null,
          -1, 0, DatabaseMetrics.SUCCESS, "/api/transactions"));
    }
  }

  void nPlusOne(String method, String route, String table, String sql, int repeats, double totalMs) {
    store.recordNPlusOne(new NPlusOneFinding(now.get() - 1_000, method, route, table, sql, repeats,
        (long) (totalMs * 1e6)));
  }

  void system(long ageSeconds, double cpu, double memory, double usedMb, Map<String, Double> disks, long active) {
    store.recordSystem(new SystemMetrics(now.get() - ageSeconds * 1_000, cpu, cpu / 2, memory, usedMb, disks, 3,
        100, active));
  }

  /** A sample whose host memory reads {@code hostUsedMb} and the JVM heap after GC {@code heapAfterGcMb}. */
  void heap(long ageSeconds, double hostUsedMb, double heapAfterGcMb) {
    store.recordSystem(new SystemMetrics(now.get() - ageSeconds * 1_000, 10, 5, 50, hostUsedMb, Map.of(), 3, 100, 1,
        heapAfterGcMb));
  }

  List<Alert> evaluate(TestRules... rules) {
    return engine.evaluate(Arrays.stream(rules).map(TestRules::build).toList());
  }

  List<Alert> evaluate(RuleDefinition... rules) {
    return engine.evaluate(List.of(rules));
  }
}
