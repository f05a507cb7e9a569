package io.perfwatch.exporter.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code /metrics} as a Spark route, in the format the scraper's Accept header asks for, negotiated by
 * prometheus-metrics as its own HTTP server does: Prometheus protobuf when asked (a fifth of the text's bytes and
 * under half its render time, see bench/README.md), OpenMetrics 1.0, else Prometheus text 0.0.4. The exposition is
 * written straight to the response: rendering it into a String first costs a growing buffer, a UTF-8 decode and
 * Spark's re-encode, about a fifth of a scrape of 1,000 series.
 */
public final class MetricsRoute implements Route {
  private static final ExpositionFormats FORMATS = ExpositionFormats.init();

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
    ExpositionFormatWriter writer = FORMATS.findWriter(accept);
    return writer.isAvailable() ? writer.getContentType() : FORMATS.getPrometheusTextFormatWriter().getContentType();
  }
}
