package io.perfwatch.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.internal.http.HttpMetrics;
import io.perfwatch.exporter.internal.meter.Buckets;
import io.perfwatch.servlet.internal.ServletReader;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cost of instrumentation, without a server: what perfwatch does around one Spark request
 * ({@code begin} in the Jetty handler, the route hook Spark's matcher calls, {@code end} with the status: timer with
 * its 11-boundary histogram, in-flight state, store rollup and ring buffer, slow log check) against nothing
 * and against the {@code Timer} a user would hand-write in a before/afterAfter filter pair. Every request is
 * {@code GET /api/transactions/:id}, 200: one hot series, the most contended case. Run with {@code -t 1} and
 * {@code -t 2}, and {@code -prof gc} for bytes per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpHotPathBenchmark {
  static final String ROUTE = "/api/transactions/:id";

  private PerfWatch perfwatch;
  private HttpMetrics http;
  private PrometheusMeterRegistry handWritten;
  private PrometheusMeterRegistry handWrittenWithBuckets;

  /** One request object per thread, as a server has one per connection. */
  @State(Scope.Thread)
  public static class Request {
    HttpServletRequest servlet = new FakeRequest("GET", "/api/transactions/42", null);
  }

  @Setup
  public void setUp() {
    perfwatch = PerfWatch.builder().build(); // not started: no host sampler thread competing
    http = PerfWatchInternals.of(perfwatch).http();
    handWritten = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    handWrittenWithBuckets = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @TearDown(Level.Trial)
  public void checkNothingFailed() {
    if (http.instrumentationErrors() > 0) {
      throw new IllegalStateException("the instrumentation failed " + http.instrumentationErrors() + " times");
    }
  }

  /** The request without instrumentation: what the harness itself costs. */
  @Benchmark
  public long bare(Request request) {
    return request.servlet.getRequestURI().length() + System.nanoTime();
  }

  /** A user's filter pair: nanoTime before, and at the end a Timer looked up by its tags and recorded. */
  @Benchmark
  public long micrometerTimer(Request request) {
    return handWrittenFilter(request.servlet, handWritten, false);
  }

  /**
   * The same filter pair with perfwatch's 11 histogram boundaries ({@link Buckets#HTTP}): the timer the issue's
   * "0.64 µs with 2 threads, because shared histogram buckets contend" describes.
   */
  @Benchmark
  public long micrometerTimerWithBuckets(Request request) {
    return handWrittenFilter(request.servlet, handWrittenWithBuckets, true);
  }

  private static long handWrittenFilter(HttpServletRequest r, PrometheusMeterRegistry registry, boolean buckets) {
    long start = System.nanoTime();
    int status = 200;
    Timer.Builder timer = Timer.builder("http.server.requests")
        .tags("method", r.getMethod(), "uri", ROUTE, "status", Integer.toString(status),
            "outcome", Outcome.forStatus(status).name(), "exception", "None");
    if (buckets) {
      timer.serviceLevelObjectives(Buckets.HTTP);
    }
    timer.register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return start;
  }

  /**
   * perfwatch's path through one Spark request: the servlet request as the adapter hands it to the core, the call
   * Spark's route matcher makes when a route matched (without Spark's own matching, which costs the same with or
   * without perfwatch), and the end.
   */
  @Benchmark
  public boolean perfwatch(Request request) {
    boolean timed = http.begin(request.servlet, ServletReader.INSTANCE);
    if (timed) {
      HttpMetrics.routeMatched("GET", ROUTE);
      http.end(200);
    }
    return timed;
  }
}
