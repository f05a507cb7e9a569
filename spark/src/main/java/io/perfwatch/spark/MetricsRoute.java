package io.perfwatch.spark;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.internal.Exposition;
import java.io.IOException;
import spark.Request;
import spark.Response;
import spark.Route;

/** {@code /metrics} as a Spark route, in the format the scraper's Accept header asks for. */
final class MetricsRoute implements Route {
  private final PrometheusMeterRegistry registry;

  MetricsRoute(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Object handle(Request request, Response response) throws IOException {
    String contentType = Exposition.contentType(request.headers("Accept"));
    response.type(contentType);
    Exposition.write(registry, response.raw().getOutputStream(), contentType);
    return ""; // the body is written; an empty result tells Spark the route handled the request
  }
}
