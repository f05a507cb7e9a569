package io.perfwatch.exporter.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code /metrics} as a Spark route, in the format the scraper's Accept header asks for, negotiated by
 * prometheus-metrics as its own HTTP server does: Prometheus protobuf when asked (a fifth of the text's bytes, see
 * bench/README.md), OpenMetrics 1.0, else Prometheus text 0.0.4. The registry then picks its writer by the chosen
 * content type, so both agree as long as the registry keeps the default exposition properties. The exposition is
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

  static String contentType(@Nullable String accept) {
    ExpositionFormatWriter writer = FORMATS.findWriter(accept);
    if (!writer.isAvailable()) { // protobuf without its runtime jar: the next format the scraper accepts
      writer = FORMATS.getOpenMetricsTextFormatWriter().accepts(accept) ? FORMATS.getOpenMetricsTextFormatWriter()
          : FORMATS.getPrometheusTextFormatWriter();
    }
    return writer.getContentType();
  }
}
