package io.perfwatch.exporter.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code /metrics} as a Spark route: Prometheus text 0.0.4 by default, OpenMetrics 1.0 when the scraper's Accept
 * header asks for it (as Prometheus does when it prefers OpenMetrics). The exposition is written straight to the
 * response: rendering it into a String first costs a growing buffer, a UTF-8 decode and Spark's re-encode, about a
 * fifth of a scrape of 1,000 series.
 */
public final class MetricsRoute implements Route {
  private final PrometheusMeterRegistry registry;

  public MetricsRoute(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Object handle(Request request, Response response) throws IOException {
    String contentType = contentType(request.headers("Accept"));
    response.type(contentType);
    registry.scrape(response.raw().getOutputStream(), contentType);
    return ""; // the body is written; an empty result tells Spark the route handled the request
  }

  static String contentType(String accept) {
    return accept != null && accept.contains("application/openmetrics-text")
        ? OpenMetricsTextFormatWriter.CONTENT_TYPE
        : PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
