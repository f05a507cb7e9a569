package io.perfwatch.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.engine.RuleEngine;
import io.perfwatch.rules.source.StoreSource;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation cycle of the rule engine over an in-process store holding {@code endpoints} endpoints with traffic
 * (20 requests each in the last five minutes and a baseline hour before), 200 SQL fingerprints, 60 host samples and
 * N+1 findings on a tenth of the endpoints: {@code rules=100} is a generated mix of all six detectors,
 * {@code rules=shipped} the default rule file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvaluationBenchmark {
  private static final long NOW = Instant.parse("2026-01-15T12:00:00Z").toEpochMilli();

  @Param({"500"})
  public int endpoints;

  @Param({"100", "shipped"})
  public String rules;

  private RuleEngine engine;
  private RuleSet ruleSet;

  @Setup
  public void setUp() {
    MetricsStore store = MetricsStore.builder().clock(() -> NOW).historyHours(24).maxEndpoints(2 * endpoints).build();
    fill(store, endpoints);
    AlertTracker tracker = new AlertTracker(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
        HistoryLimits.defaults(), List.of());
    engine = new RuleEngine(new StoreSource(store, () -> NOW, "bench"), tracker, new SimpleMeterRegistry());
    ruleSet = "shipped".equals(rules) ? RuleFileParser.builtIn()
        : new RuleFileParser(Map.of()).parse(GeneratedRules.yaml(Integer.parseInt(rules)), "generated.yml");
    engine.evaluate(ruleSet); // alerts reach their steady state before measuring
  }

  @Benchmark
  public List<Alert> evaluateOneCycle() {
    return engine.evaluate(ruleSet);
  }

  static void fill(MetricsStore store, int endpoints) {
    Random random = new Random(42);
    for (int e = 0; e < endpoints; e++) {
      String route = "/api/r" + e + "/:id";
      double typicalMs = 5 + random.nextInt(400);
      for (long start : new long[] {NOW - 70 * 60_000L, NOW - 4 * 60_000L}) {
        for (int i = 0; i < 20; i++) {
          long nanos = (long) (typicalMs * (0.5 + random.nextDouble()) * 1e6);
          int status = random.nextInt(100) < 3 ? 500 : 200;
          store.recordRequest(new RequestMetrics(route, "GET", status, nanos, start + i * 1000L, null, null,
              1 + random.nextInt(8), nanos / 4, "None", -1, -1));
        }
      }
      if (e % 10 == 0) {
        store.recordNPlusOne(new NPlusOneFinding(NOW - 60_000, "GET", route, "orders",
            "SELECT * FROM orders WHERE id = ?", 6, 3_000_000));
      }
    }
    for (int q = 0; q < 200; q++) {
      for (int i = 0; i < 10; i++) {
        store.recordQuery(new DatabaseMetrics("SELECT * FROM t" + q + " WHERE c = ?", "SELECT", "t" + q,
            (long) ((1 + random.nextInt(800)) * 1e6), NOW - 3 * 60_000L + i, null, -1, 0,
            DatabaseMetrics.SUCCESS, null));
      }
    }
    for (int s = 0; s < 60; s++) {
      store.recordSystem(new SystemMetrics(NOW - (60 - s) * 5_000L, 40 + random.nextInt(50), 10, 60 + s * 0.3,
          8000 + s * 20, Map.of("/", 70.0, "/data", 91.0), 4, 1200, random.nextInt(120)));
    }
  }
}
