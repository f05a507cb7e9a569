package io.perfwatch.bench;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Benchmarks are not tests, but each runs once briefly here so that none can rot unnoticed. */
class BenchmarkSmokeTest {
  static {
    // JMH's lock keeps two measurements from sharing the cores; a smoke run measures nothing, so it need not wait
    // for (or fail because of) a benchmark running elsewhere on the machine.
    System.setProperty("jmh.ignoreLock", "true");
  }

  private static Collection<RunResult> runOnce(Class<?> benchmark) throws Exception {
    return new Runner(new OptionsBuilder()
        .include(benchmark.getName())
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .shouldFailOnError(true)
        .build()).run();
  }

  @Test
  void ruleEvaluationBenchmarkRunsOnce() throws Exception {
    Collection<RunResult> results = runOnce(RuleEvaluationBenchmark.class);

    assertThat(results).hasSize(2);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void httpHotPathBenchmarkRunsOnceWithoutInstrumentationErrors() throws Exception {
    Collection<RunResult> results = runOnce(HttpHotPathBenchmark.class); // its tear-down fails on any error

    assertThat(results).hasSize(4);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void jdbcBenchmarksRunOnce() throws Exception {
    assertThat(runOnce(JdbcBenchmark.class)).hasSize(3)
        .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    assertThat(runOnce(JdbcListenerBenchmark.class)).hasSize(2)
        .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void scrapeBenchmarkRunsOnce() throws Exception {
    assertThat(runOnce(ScrapeBenchmark.class)).hasSize(6)
        .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void scrapeHoldsTheAskedNumberOfHttpSeriesInBothFormats() {
    PrometheusMeterRegistry registry = ScrapeBenchmark.registry(100);
    String text = new String(ScrapeBenchmark.exposition(registry, ScrapeBenchmark.Format.TEXT), UTF_8);
    byte[] protobuf = ScrapeBenchmark.exposition(registry, ScrapeBenchmark.Format.PROTOBUF);

    assertThat(text.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{"))).hasSize(100);
    // protobuf writes each series' route once as a label value in the histogram, once in its _max gauge
    assertThat(Pattern.compile("/api/resource\\d+/:id").matcher(new String(protobuf, ISO_8859_1)).results())
        .hasSize(2 * 100);
  }

  @Test
  void storeMemoryFillsEveryCap() throws Exception {
    // 5 routes (10 endpoints), 5 fingerprints, 3 tenants, 2 hours of history, 100 per raw ring
    StoreMemory.Result r = StoreMemory.measure(new StoreMemory.Caps(5, 5, 3, 2, 100), 2);

    int keys = 10 + 5 + 3;
    assertThat(r.requests()).isEqualTo(210 * 2 * 10 + 16 * 100); // 3.5 hours of traffic, then the ring writers
    assertThat(r.rollups()).isEqualTo(keys * (60 + 2)); // every minute of the newest hour, every hour of the history
    assertThat(r.recentRequests()).isEqualTo(100);
    assertThat(r.recentQueries()).isEqualTo(100);
    assertThat(r.bytes()).isPositive();
  }

  @Test
  void storeContentionRunsEachCaseWithExactCounts() throws Exception {
    // each run throws unless its threads' ids are as far apart as asked and the endpoint counts every record once
    assertThat(StoreContention.nanosPerRecord(32, true, 10_000)).isPositive();
    assertThat(StoreContention.nanosPerRecord(1, true, 10_000)).isPositive();
    assertThat(StoreContention.nanosPerRecord(1, false, 10_000)).isPositive();
  }

  @Test
  void endToEndServerServesHelloWorld() throws Exception {
    // run.sh starts it as a process; here its main must at least start a server and print the port
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      EndToEndServer.main(new String[] {"hello", "instrumented", "0"});
    } finally {
      System.setOut(stdout);
    }
    String port = out.toString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?s).*port=(\\d+).*", "$1");
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/hello")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("Hello World");
  }
}
