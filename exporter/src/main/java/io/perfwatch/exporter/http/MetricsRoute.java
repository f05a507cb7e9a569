package io.perfwatch.exporter.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code /metrics} as a Spark route: Prometheus text 0.0.4 by default, OpenMetrics 1.0 when the scraper's Accept
 * header asks for it (as Prometheus does when it prefers OpenMetrics).
 */
public final class MetricsRoute implements Route {
  private final PrometheusMeterRegistry registry;

  public MetricsRoute(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Object handle(Request request, Response response) {
    String contentType = contentType(request.headers("Accept"));
    response.type(contentType);
    return registry.scrape(contentType);
  }

  static String contentType(String accept) {
    return accept != null && accept.contains("application/openmetrics-text")
        ? OpenMetricsTextFormatWriter.CONTENT_TYPE
        : PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
