package io.perfwatch.service;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.service.api.AcceptAnything;
import io.perfwatch.service.api.JsonErrorHandler;
import io.perfwatch.service.api.PerformanceRoutes;
import io.perfwatch.service.demo.DemoApp;
import io.perfwatch.service.demo.TrafficGenerator;
import io.perfwatch.spark.SparkPerfWatch;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Service;

/**
 * The running service: one PerfWatch, one Spark {@link Service} instrumented by it, {@code /metrics}, and the demo
 * app on the same port.
 *
 * <pre>{@code
 * PerfWatchService s = new PerfWatchService(ServiceConfig.onPort(0)); // instrumented, not yet listening
 * s.service().get("/api/v1/performance/health", ...);                 // more routes: before or after start()
 * s.start();                                                           // /metrics, demo, listening on s.port()
 * s.stop();
 * }</pre>
 */
public final class PerfWatchService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PerfWatchService.class);
  /** How long in-flight requests get to finish on stop. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final ServiceConfig config;
  private final PerfWatch perfWatch;
  private final Service http;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final GracefulStop gracefulStop = new GracefulStop();
  private final AtomicReference<@Nullable Exception> startFailure = new AtomicReference<>();
  private final Monitoring monitoring;
  private @Nullable DemoApp demo;
  private @Nullable TrafficGenerator traffic;
  private boolean started;
  private boolean stopping;

  /** Builds PerfWatch and an instrumented Spark service; nothing listens until the first route or {@link #start()}. */
  public PerfWatchService(ServiceConfig config) {
    this.config = config;
    this.perfWatch = PerfWatch.builder().config(withApiExcluded(config.perfWatch())).build();
    this.http = Service.ignite().port(config.httpPort());
    // Spark's default handler calls System.exit(100); keep the failure and throw it from start() instead.
    http.initExceptionHandler(startFailure::set);
    // before any route (Spark fixes its embedded server at the first one); what Jetty answers on its own is JSON too
    SparkPerfWatch.instrument(perfWatch, http, server -> {
      JsonErrorHandler.install(server);
      AcceptAnything.install(server);
    });
    this.monitoring = new Monitoring(perfWatch, config.monitoring());
  }

  /** Starts the host sampler, mounts {@code /metrics} and the demo, and waits until the port is open. */
  public synchronized PerfWatchService start() {
    if (started) {
      throw new IllegalStateException("the service is already started; create a new PerfWatchService to restart");
    }
    started = true;
    perfWatch.start();
    // The database first: seeding takes a moment, and Spark opens the port at the first route.
    DemoApp app = DemoApp.open(perfWatch, config.database());
    demo = app;
    gracefulStop.install(http);
    SparkPerfWatch.mountMetrics(perfWatch, http, "/metrics");
    monitoring.start(http, perfWatch);
    app.mount(http);
    http.awaitInitialization();
    Exception failure = startFailure.get();
    if (failure != null) {
      stop();
      throw new IllegalStateException("the HTTP server could not start on port " + config.httpPort() + ": "
          + failure.getMessage() + " (set PERFORMANCE_HTTP_PORT to a free port)", failure);
    }
    monitoring.listening(port());
    if (config.demoTraffic()) {
      traffic = new TrafficGenerator(baseUri()).start();
    }
    logUrls(app);
    return this;
  }

  /** The port the server listens on (the real one when configured with 0); only after {@link #start()}. */
  public int port() {
    return http.port();
  }

  /** {@code http://localhost:<port>}, without a trailing slash. */
  public URI baseUri() {
    return URI.create("http://localhost:" + port());
  }

  public PerfWatch perfWatch() {
    return perfWatch;
  }

  /** The Spark service, already instrumented: add routes to it (they are measured like the demo's). */
  public Service service() {
    return http;
  }

  public ServiceConfig config() {
    return config;
  }

  /**
   * Stops generated traffic, refuses new requests (503), gives in-flight ones up to {@link #STOP_TIMEOUT} to
   * finish, then stops the HTTP server, the host sampler and the demo database. Safe to call more than once.
   */
  public void stop() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    LOG.info("perfwatch stopping");
    if (traffic != null) {
      traffic.stop();
    }
    drain();
    http.stop();
    awaitHttpStop();
    monitoring.close(); // after the last request: flushes the alert sinks
    perfWatch.close();
    if (demo != null) {
      demo.close();
    }
    stopped.countDown();
    LOG.info("perfwatch stopped");
  }

  /** Blocks until {@link #stop()} has finished (the serve command waits here). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    stop();
  }

  private void drain() {
    try {
      if (!gracefulStop.drain(STOP_TIMEOUT, () -> perfWatch.stats().live().activeRequests())) {
        LOG.warn("requests still running after {} s; stopping anyway", STOP_TIMEOUT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHttpStop() {
    // Spark's awaitStop() has no timeout of its own.
    CompletableFuture<Void> done = CompletableFuture.runAsync(http::awaitStop);
    try {
      done.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("the HTTP server did not stop within {} s; going on", STOP_TIMEOUT.toSeconds());
    } catch (ExecutionException e) {
      LOG.warn("stopping the HTTP server failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Calls to the API read the numbers; they must not change them. */
  private static PerfWatchConfig withApiExcluded(PerfWatchConfig config) {
    Set<String> excluded = new LinkedHashSet<>(config.excludePaths());
    excluded.add(PerformanceRoutes.BASE);
    excluded.add("/"); // the index; "/" covers only itself, not the paths below it
    return config.toBuilder().excludePaths(excluded).build();
  }

  private void logUrls(DemoApp app) {
    String base = "http://localhost:" + port();
    LOG.info("perfwatch serving on {} (demo database: {})", base, app.databaseDescription());
    LOG.info("  index:    {}/", base);
    LOG.info("  api:      {}{}/health", base, PerformanceRoutes.BASE);
    LOG.info("  openapi:  {}{}/openapi.yaml", base, PerformanceRoutes.BASE);
    LOG.info("  metrics:  {}/metrics", base);
    DemoApp.examplePaths().forEach(p -> LOG.info("  demo:     {}{}", base, p));
    if (traffic != null) {
      LOG.info("  demo traffic is on (PERFORMANCE_DEMO_TRAFFIC=true)");
    }
  }
}
