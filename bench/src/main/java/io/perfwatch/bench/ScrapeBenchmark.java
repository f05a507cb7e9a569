package io.perfwatch.bench;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.http.HttpMetrics;
import io.perfwatch.exporter.http.SparkRouteHook;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
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
import spark.route.HttpMethod;

/**
 * Rendering {@code /metrics} (Prometheus text 0.0.4, what the route and the standalone server send) with
 * {@code series} HTTP latency series recorded through perfwatch: {@code series / 10} routes with ten statuses each.
 * {@link #exposition} also gives the size, which {@code run.sh} prints per series.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrapeBenchmark {
  private static final int[] STATUSES = {200, 201, 204, 301, 400, 401, 403, 404, 500, 503};

  @Param({"100", "1000", "10000"})
  public int series;

  private PrometheusMeterRegistry registry;

  @Setup
  public void setUp() {
    registry = registry(series);
  }

  @Benchmark
  public String scrape() {
    return registry.scrape(PrometheusTextFormatWriter.CONTENT_TYPE);
  }

  /** A registry holding {@code series} HTTP latency series (0: perfwatch's own meters only). */
  static PrometheusMeterRegistry registry(int series) {
    int routes = Math.max(1, series / STATUSES.length);
    PerfWatch perfwatch = PerfWatch.builder()
        .config(PerfWatchConfig.builder().maxRoutes(routes + 10).trackTenantMetrics(false).build())
        .build();
    HttpMetrics http = perfwatch.http();
    FakeRequest request = new FakeRequest("GET", "/api/x", null);
    for (int i = 0; i < series; i++) {
      for (int repeat = 0; repeat < 3; repeat++) {
        http.begin(request);
        SparkRouteHook.routeMatched(HttpMethod.get, "/api/resource" + i / STATUSES.length + "/:id");
        http.end(STATUSES[i % STATUSES.length]);
      }
    }
    return perfwatch.registry();
  }

  /** Bytes of the exposition per HTTP latency series, for 100, 1,000 and 10,000 series. */
  public static void main(String[] args) {
    int base = exposition(0).length();
    for (int n : new int[] {100, 1000, 10000}) {
      int size = exposition(n).length();
      System.out.printf("scrape-size series=%d bytes=%d bytes_per_series=%.0f%n", n, size,
          (size - base) / (double) n);
    }
  }

  static String exposition(int series) {
    return registry(series).scrape(PrometheusTextFormatWriter.CONTENT_TYPE);
  }
}
