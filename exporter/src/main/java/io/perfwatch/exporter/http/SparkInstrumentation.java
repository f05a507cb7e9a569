package io.perfwatch.exporter.http;

import spark.Service;
import spark.embeddedserver.EmbeddedServerFactory;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;

/**
 * Installs {@link HttpMetrics} into a Spark {@link Service}: a before filter starts the request, an afterAfter filter
 * (which Spark runs after routes, exception handlers and the 404 fallback) ends it with the final status, and
 * {@link RouteCapture} supplies the route template and the exception.
 */
public final class SparkInstrumentation {
  private final HttpMetrics metrics;

  public SparkInstrumentation(HttpMetrics metrics) {
    this.metrics = metrics;
  }

  /** Instruments {@code http}, which must not have any route or filter yet (Spark fixes its server at the first). */
  public void instrument(Service http) {
    instrument(http, new EmbeddedJettyFactory());
  }

  /** As {@link #instrument(Service)}, for apps that customize Spark's embedded Jetty factory. */
  public void instrument(Service http, EmbeddedServerFactory serverFactory) {
    Object identifier = new Object() {
      @Override
      public String toString() {
        return "perfwatch-instrumented-jetty";
      }
    };
    synchronized (EmbeddedServers.class) { // Spark's factory map is a plain HashMap
      EmbeddedServers.add(identifier, new RouteCapture(serverFactory));
    }
    try {
      http.embeddedServerIdentifier(identifier);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("perfwatch must instrument a Spark Service before its first route or filter: "
          + "call instrument(http) right after Service.ignite() and port(...)", e);
    }
    http.before((request, response) -> metrics.begin(request.raw()));
    http.afterAfter((request, response) -> metrics.end(response.raw().getStatus()));
  }
}
