package io.perfwatch.servlet;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.http.RouteTemplates;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.internal.http.HttpMetrics;
import io.perfwatch.servlet.internal.RequestTiming;
import java.io.IOException;
import java.util.Objects;
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
 * Times every request of a servlet container for {@link PerfWatch}: register it first in the chain, for all
 * paths. The route template comes from the request attribute {@link #ROUTE_ATTRIBUTE} when the app sets it, else
 * from the {@link RouteTemplates} the filter was given; requests without one are labelled NOT_FOUND, REDIRECTION or
 * UNKNOWN, never the raw path. Synchronous requests only: an async request is timed until its handler thread
 * returns, with the status set by then.
 */
public final class PerfWatchFilter implements Filter {
  /** Request attribute an app may set to the route template that served the request. */
  public static final String ROUTE_ATTRIBUTE = "io.perfwatch.route";

  private final HttpMetrics metrics;
  private final Function<HttpServletRequest, @Nullable String> routeResolver;

  /** Routes are matched against {@code templates}, e.g. {@code RouteTemplates.of("/orders/:id")}. */
  public PerfWatchFilter(PerfWatch perfwatch, RouteTemplates templates) {
    this(perfwatch, request -> templates.match(RequestTiming.pathWithinApp(request)).orElse(null));
    Objects.requireNonNull(templates, "templates");
  }

  /** Routes come from {@code routeResolver} (null: no route), e.g. a framework's own matcher. */
  public PerfWatchFilter(PerfWatch perfwatch, Function<HttpServletRequest, @Nullable String> routeResolver) {
    this.metrics = PerfWatchInternals.of(perfwatch).http();
    this.routeResolver = Objects.requireNonNull(routeResolver, "routeResolver");
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
}
