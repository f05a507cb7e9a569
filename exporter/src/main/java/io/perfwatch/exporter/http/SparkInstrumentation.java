package io.perfwatch.exporter.http;

import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import spark.Service;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;

/**
 * Installs {@link HttpMetrics} into a Spark {@link Service} through Spark's embedded-server factory: Spark's Jetty
 * handler is wrapped so that each request is timed from first byte to last (after the app's own filters, exception
 * handlers and the body), and {@link RouteCapture} supplies the route template and the exception. Unlike a
 * before/afterAfter filter pair this does not start the server early, sees the status the client really receives,
 * and runs no filter matching of its own.
 */
public final class SparkInstrumentation {
  private final HttpMetrics metrics;

  public SparkInstrumentation(HttpMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Instruments {@code http}. Call it before the service's first route or filter (Spark fixes its server then);
   * other configuration (port, thread pool, static files) may come before or after.
   */
  public void instrument(Service http) {
    instrument(http, server -> { });
  }

  /**
   * Instruments {@code http} and lets the app configure the Jetty server Spark creates for it (which the app cannot
   * reach otherwise, since perfwatch supplies the server factory): {@code jetty} runs once, just before the server
   * starts, after Spark has added its connector. Use it for Jetty's own settings, e.g.
   * {@code server -> server.setErrorHandler(new MyJsonErrorHandler())} for the answers Jetty gives before any route
   * runs (bad URI, 414, 431), or the connector's {@code HttpConfiguration}. Same timing rule as
   * {@link #instrument(Service)}.
   */
  public void instrument(Service http, Consumer<? super Server> jetty) {
    Object identifier = new Object() {
      @Override
      public String toString() {
        return "perfwatch-instrumented-jetty";
      }
    };
    EmbeddedServers.add(identifier,
        new RouteCapture(new EmbeddedJettyFactory(new MeasuringServerFactory(metrics, jetty))));
    try {
      http.embeddedServerIdentifier(identifier);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("perfwatch must instrument a Spark Service before its first route or filter: "
          + "call instrument(http) before http.get(...), http.before(...) and the like", e);
    }
  }
}
