package io.perfwatch.spark;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.internal.http.HttpMetrics;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import spark.Service;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;

/**
 * perfwatch for Spark Java:
 *
 * <pre>{@code
 * Service http = Service.ignite().port(8080);
 * SparkPerfWatch.instrument(perfwatch, http);            // before the first route or filter
 * SparkPerfWatch.mountMetrics(perfwatch, http, "/metrics");
 * }</pre>
 *
 * <p>Instrumenting goes through Spark's embedded-server factory: Spark's Jetty handler is wrapped so that each
 * request is timed from first byte to last (after the app's own filters, exception handlers and the body), and
 * Spark's route matcher reports the route template and the exception. Unlike a before/afterAfter filter pair this
 * does not start the server early, sees the status the client really receives, and runs no filter matching of its
 * own. Because perfwatch owns the factory, an app customizes Spark's Jetty server through
 * {@link #instrument(PerfWatch, Service, Consumer)}.
 */
public final class SparkPerfWatch {
  private SparkPerfWatch() {}

  /**
   * Times every request of {@code http}. Call it before the service's first route or filter (Spark fixes its
   * server then); other configuration (port, thread pool, static files) may come before or after.
   */
  public static void instrument(PerfWatch perfwatch, Service http) {
    instrument(perfwatch, http, server -> {});
  }

  /**
   * As {@link #instrument(PerfWatch, Service)}, and hands Spark's Jetty {@link Server} to {@code jettyCustomizer}
   * right after it is created, before Spark adds its connector and starts it: the place to set an error handler
   * (for the 400, 414 and 431 answers Jetty gives itself) or other server-wide settings.
   */
  public static void instrument(PerfWatch perfwatch, Service http, Consumer<Server> jettyCustomizer) {
    HttpMetrics metrics = PerfWatchInternals.of(perfwatch).http();
    Objects.requireNonNull(jettyCustomizer, "jettyCustomizer");
    Object identifier = new Object() {
      @Override
      public String toString() {
        return "perfwatch-instrumented-jetty";
      }
    };
    EmbeddedServers.add(identifier,
        new RouteCapture(new EmbeddedJettyFactory(new MeasuringServerFactory(metrics, jettyCustomizer))));
    try {
      http.embeddedServerIdentifier(identifier);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("perfwatch must instrument a Spark Service before its first route or filter: "
          + "call instrument(perfwatch, http) before http.get(...), http.before(...) and the like", e);
    }
  }

  /**
   * Serves the Prometheus exposition at {@code path} of the app's own service, in the format the scraper asks for;
   * requests to it are not recorded as the app's traffic.
   */
  public static void mountMetrics(PerfWatch perfwatch, Service http, String path) {
    PerfWatchInternals.Parts parts = PerfWatchInternals.of(perfwatch);
    parts.http().exclude(path);
    http.get(path, new MetricsRoute(perfwatch.registry()));
  }
}
