package io.perfwatch.servlet;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.internal.Exposition;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * perfwatch's Prometheus exposition as a servlet, for {@code /metrics} on the app's own port, in the format the
 * scraper's Accept header asks for (Prometheus protobuf, OpenMetrics or text). {@code /metrics} is among the paths
 * {@link PerfWatchFilter} leaves unrecorded by default; mounted elsewhere, add that path to
 * {@code PerfWatchConfig.excludePaths}.
 */
public final class PerfWatchMetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient PrometheusMeterRegistry registry;

  public PerfWatchMetricsServlet(PerfWatch perfwatch) {
    this.registry = perfwatch.registry();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String contentType = Exposition.contentType(request.getHeader("Accept"));
    response.setContentType(contentType);
    Exposition.write(registry, response.getOutputStream(), contentType);
  }
}
