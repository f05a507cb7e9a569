package io.perfwatch.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.internal.http.HttpMetrics;
import io.perfwatch.servlet.internal.ServletReader;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * Rendering {@code /metrics} with {@code series} HTTP latency series recorded through perfwatch ({@code series / 10}
 * routes with ten statuses each), in the two formats the route sends: Prometheus text 0.0.4 (curl, most scrapers)
 * and the protobuf that Prometheus asks for when started as docker-compose.yml starts it. {@link #main} prints the
 * sizes, which {@code run.sh} puts in the table per series.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrapeBenchmark {
  private static final int[] STATUSES = {200, 201, 204, 301, 400, 401, 403, 404, 500, 503};

  /** The two expositions, by the content type the route answers with. */
  public enum Format {
    TEXT(PrometheusTextFormatWriter.CONTENT_TYPE),
    PROTOBUF(PrometheusProtobufWriter.CONTENT_TYPE);

    final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }
  }

  @Param({"100", "1000", "10000"})
  public int series;

  @Param({"TEXT", "PROTOBUF"})
  public Format format;

  private PrometheusMeterRegistry registry;

  @Setup
  public void setUp() {
    registry = registry(series);
  }

  /** As {@code /metrics} does: written straight to the response stream (here one that counts and discards). */
  @Benchmark
  public long scrape() throws IOException {
    CountingSink sink = new CountingSink();
    registry.scrape(sink, format.contentType);
    return sink.bytes;
  }

  private static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  /** A registry holding {@code series} HTTP latency series (0: perfwatch's own meters only). */
  static PrometheusMeterRegistry registry(int series) {
    int routes = Math.max(1, series / STATUSES.length);
    PerfWatch perfwatch = PerfWatch.builder()
        .config(PerfWatchConfig.builder().maxRoutes(routes + 10).trackTenantMetrics(false).build())
        .jvmMetrics(false) // the HTTP series alone, as before JVM metrics existed
        .build();
    HttpMetrics http = PerfWatchInternals.of(perfwatch).http();
    FakeRequest request = new FakeRequest("GET", "/api/x", null);
    for (int i = 0; i < series; i++) {
      for (int repeat = 0; repeat < 3; repeat++) {
        http.begin(request, ServletReader.INSTANCE);
        HttpMetrics.routeMatched("GET", "/api/resource" + i / STATUSES.length + "/:id");
        http.end(STATUSES[i % STATUSES.length]);
      }
    }
    return perfwatch.registry();
  }

  /**
   * Bytes of the exposition per HTTP latency series in each format, for 100, 1,000 and 10,000 series; and, as the
   * baseline, the same series as Micrometer's default percentile histogram writes them.
   */
  public static void main(String[] args) {
    for (Format format : Format.values()) {
      int base = exposition(registry(0), format).length;
      for (int n : new int[] {100, 1000, 10000}) {
        int size = exposition(registry(n), format).length;
        System.out.printf("scrape-size format=%s series=%d bytes=%d bytes_per_series=%.0f%n", format, n, size,
            (size - base) / (double) n);
      }
      int defaultBase = exposition(micrometerDefaultHistogram(0), format).length;
      int defaultSize = exposition(micrometerDefaultHistogram(1000), format).length;
      System.out.printf("scrape-size-micrometer-default format=%s series=1000 bytes=%d bytes_per_series=%.0f%n",
          format, defaultSize, (defaultSize - defaultBase) / 1000.0);
    }
  }

  /** The same labels through a plain Micrometer timer with {@code publishPercentileHistogram()}. */
  static PrometheusMeterRegistry micrometerDefaultHistogram(int series) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (int i = 0; i < series; i++) {
      int status = STATUSES[i % STATUSES.length];
      Timer.builder("http.server.requests").publishPercentileHistogram()
          .tags("exception", "None", "method", "GET", "outcome", Outcome.forStatus(status).name(),
              "status", Integer.toString(status), "uri", "/api/resource" + i / STATUSES.length + "/:id")
          .register(registry).record(3, TimeUnit.MILLISECONDS);
    }
    return registry;
  }

  static byte[] exposition(PrometheusMeterRegistry registry, Format format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      registry.scrape(out, format.contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
