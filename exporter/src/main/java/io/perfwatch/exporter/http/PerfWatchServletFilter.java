package io.perfwatch.exporter.http;

import java.io.IOException;
import java.util.function.Function;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * {@link HttpMetrics} as a {@code javax.servlet.Filter} for any servlet container. The route template comes from the
 * request attribute {@link #ROUTE_ATTRIBUTE} when the app sets it, else from the resolver (for example
 * {@link RouteTemplates}); requests without one are labelled NOT_FOUND, REDIRECTION or UNKNOWN, never the raw path.
 * Synchronous requests only: an async request is timed until its handler thread returns, with the status set by
 * then.
 */
public final class PerfWatchServletFilter implements Filter {
  /** Request attribute an app may set to the route template that served the request. */
  public static final String ROUTE_ATTRIBUTE = "io.perfwatch.route";

  private final HttpMetrics metrics;
  private final Function<HttpServletRequest, @Nullable String> routeResolver;

  public PerfWatchServletFilter(HttpMetrics metrics, Function<HttpServletRequest, @Nullable String> routeResolver) {
    this.metrics = metrics;
    this.routeResolver = routeResolver;
  }

  /** Resolves routes by matching the request path against {@code templates}. */
  public static PerfWatchServletFilter withTemplates(HttpMetrics metrics, RouteTemplates templates) {
    return new PerfWatchServletFilter(metrics, request -> templates.match(pathWithinApp(request)).orElse(null));
  }

  @Override
  public void init(FilterConfig filterConfig) {}

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    // Only the original dispatch is a request; FORWARD/INCLUDE/ERROR dispatches would count it twice.
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
        || request.getDispatcherType() != DispatcherType.REQUEST) {
      chain.doFilter(req, res);
      return;
    }
    RequestTiming.measure(metrics, request, response, this::route, () -> chain.doFilter(req, res));
  }

  private @Nullable String route(HttpServletRequest request) {
    Object attribute = request.getAttribute(ROUTE_ATTRIBUTE);
    return attribute instanceof String s ? s : routeResolver.apply(request);
  }

  @Override
  public void destroy() {}

  static String pathWithinApp(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }
}
