package io.perfwatch.servlet.internal;

import io.perfwatch.exporter.internal.http.HttpMetrics;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times one request around the code that serves it: used by the servlet filter and by the Jetty handler under Spark,
 * so both record the status the client receives, an escaping exception, and never leave per-thread state behind.
 * Not API.
 */
public final class RequestTiming {
  private static final Logger LOG = LoggerFactory.getLogger(RequestTiming.class);

  /** The code that serves the request. */
  public interface Handling {
    void run() throws IOException, ServletException;
  }

  /** Where the route template comes from once the request is served, or null when the framework told us. */
  public interface RouteLookup {
    @Nullable String route(HttpServletRequest request);
  }

  private RequestTiming() {}

  public static void measure(HttpMetrics metrics, HttpServletRequest request, HttpServletResponse response,
      RouteLookup routes, Handling handling) throws IOException, ServletException {
    if (!metrics.begin(request, ServletReader.INSTANCE)) {
      handling.run();
      return;
    }
    int status = 500;
    try {
      handling.run();
      status = response.getStatus();
    } catch (IOException | ServletException | RuntimeException | Error e) {
      HttpMetrics.exception(e instanceof ServletException se && se.getRootCause() != null ? se.getRootCause() : e);
      // The container answers 500 to an escaping exception unless the response was already committed.
      status = response.isCommitted() ? response.getStatus() : 500;
      throw e;
    } finally {
      try {
        metrics.route(routes.route(request));
      } catch (RuntimeException e) {
        LOG.warn("perfwatch route lookup failed; the request is recorded without its route: {}", e.toString());
      } finally {
        metrics.end(status);
      }
    }
  }

  /** The path the app sees: without the servlet context path, so exclusions and templates work under any context. */
  public static String pathWithinApp(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }
}
