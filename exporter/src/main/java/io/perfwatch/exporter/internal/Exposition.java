package io.perfwatch.exporter.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * {@code /metrics} for an adapter's own route, in the format the scraper's Accept header asks for, negotiated by
 * prometheus-metrics as its own HTTP server does: Prometheus protobuf when asked (a fifth of the text's bytes, see
 * bench/README.md), OpenMetrics 1.0, else Prometheus text 0.0.4. The registry then picks its writer by the chosen
 * content type, so both agree as long as the registry keeps the default exposition properties.
 */
public final class Exposition {
  private static final ExpositionFormats FORMATS = ExpositionFormats.init();

  private Exposition() {}

  /** The content type to answer {@code accept} with. */
  public static String contentType(@Nullable String accept) {
    ExpositionFormatWriter writer = FORMATS.findWriter(accept);
    if (!writer.isAvailable()) { // protobuf without its runtime jar: the next format the scraper accepts
      writer = FORMATS.getOpenMetricsTextFormatWriter().accepts(accept) ? FORMATS.getOpenMetricsTextFormatWriter()
          : FORMATS.getPrometheusTextFormatWriter();
    }
    return writer.getContentType();
  }

  /**
   * Writes the exposition straight to the response: rendering it into a String first costs a growing buffer, a
   * UTF-8 decode and the framework's re-encode, about a fifth of a scrape of 1,000 series.
   */
  public static void write(PrometheusMeterRegistry registry, OutputStream out, String contentType) throws IOException {
    registry.scrape(out, contentType);
  }
}
