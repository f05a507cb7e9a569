package io.perfwatch.spark;

import io.perfwatch.exporter.internal.http.HttpMetrics;
import java.util.List;
import org.jspecify.annotations.Nullable;
import spark.ExceptionHandlerImpl;
import spark.ExceptionMapper;
import spark.FilterImpl;
import spark.RouteImpl;
import spark.embeddedserver.EmbeddedServer;
import spark.embeddedserver.EmbeddedServerFactory;
import spark.route.HttpMethod;
import spark.route.Routes;
import spark.routematch.RouteMatch;
import spark.staticfiles.StaticFilesConfiguration;

/**
 * Spark's hook for what its filters cannot see. In a path-less afterAfter filter {@code request.matchedPath()} is
 * the filter's own {@code +/*paths}, and an exception is gone once the app's handler ran. Spark lets a service
 * choose its embedded server factory; ours hands the real factory a route matcher that remembers the template of the
 * route that matched and an exception mapper that remembers the exception, both on the request thread, and
 * otherwise delegates everything.
 */
final class RouteCapture implements EmbeddedServerFactory {
  // Spark keeps factories in a static map forever: drop the reference once used, so the map does not pin perfwatch.
  private @Nullable EmbeddedServerFactory delegate;

  RouteCapture(EmbeddedServerFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized EmbeddedServer create(Routes routeMatcher, StaticFilesConfiguration staticFiles,
      ExceptionMapper exceptionMapper, boolean hasMultipleHandler) {
    EmbeddedServerFactory factory = delegate;
    if (factory == null) {
      throw new IllegalStateException("a perfwatch-instrumented Spark server factory serves one Service only");
    }
    delegate = null;
    return factory.create(new CapturingRoutes(routeMatcher), staticFiles,
        new CapturingExceptionMapper(exceptionMapper), hasMultipleHandler);
  }

  /**
   * Spark's matcher calls {@code find} for the route (filters use findMultiple); the first call of a request is the
   * one that counts (a HEAD request may be looked up again as GET).
   */
  static final class CapturingRoutes extends Routes {
    private final Routes routes;

    CapturingRoutes(Routes routes) {
      this.routes = routes;
    }

    @Override
    public RouteMatch find(HttpMethod httpMethod, String path, String acceptType) {
      RouteMatch match = routes.find(httpMethod, path, acceptType);
      HttpMetrics.routeMatched(SparkMethods.name(httpMethod), match != null && match.getTarget() instanceof RouteImpl
          ? match.getMatchUri() : null);
      return match;
    }

    @Override
    public List<RouteMatch> findMultiple(HttpMethod httpMethod, String path, String acceptType) {
      return routes.findMultiple(httpMethod, path, acceptType);
    }

    @Override
    public List<RouteMatch> findAll() {
      return routes.findAll();
    }

    @Override
    public void add(HttpMethod httpMethod, RouteImpl route) {
      routes.add(httpMethod, route);
    }

    @Override
    public void add(HttpMethod httpMethod, FilterImpl filter) {
      routes.add(httpMethod, filter);
    }

    @Override
    public void clear() {
      routes.clear();
    }

    @Override
    public boolean remove(String path, String httpMethod) {
      return routes.remove(path, httpMethod);
    }

    @Override
    public boolean remove(String path) {
      return routes.remove(path);
    }
  }

  /** Spark asks the mapper for a handler exactly when a route or filter threw; the app's handler still runs. */
  static final class CapturingExceptionMapper extends ExceptionMapper {
    private final ExceptionMapper mapper;

    CapturingExceptionMapper(ExceptionMapper mapper) {
      this.mapper = mapper;
    }

    @Override
    public ExceptionHandlerImpl getHandler(Exception exception) {
      HttpMetrics.exception(exception);
      return mapper.getHandler(exception);
    }

    @Override
    public ExceptionHandlerImpl getHandler(Class<? extends Exception> exceptionClass) {
      return mapper.getHandler(exceptionClass);
    }

    @Override
    public void map(Class<? extends Exception> exceptionClass, ExceptionHandlerImpl handler) {
      mapper.map(exceptionClass, handler);
    }

    @Override
    public void clear() {
      mapper.clear();
    }
  }
}
