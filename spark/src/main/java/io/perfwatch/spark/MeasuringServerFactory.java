package io.perfwatch.spark;

import io.perfwatch.exporter.internal.http.HttpMetrics;
import io.perfwatch.servlet.internal.RequestTiming;
import java.io.IOException;
import java.util.function.Consumer;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.jspecify.annotations.Nullable;
import spark.embeddedserver.jetty.JettyServerFactory;

/**
 * Creates Spark's Jetty server (with Spark's own thread-pool defaults) so that whatever handler Spark installs is
 * wrapped in one that times the whole request: after every filter, the exception handlers and the response body,
 * with the status the client receives. Static files are timed too.
 *
 * <p>The server also turns off Jetty 9.4's per-connection header cache. That cache matches the lines of standard
 * headers without regard to letter case and hands the application the spelling it saw first on the connection:
 * after {@code Authorization: Bearer AbC} a later {@code Authorization: Bearer abc} on the same connection (a proxy's
 * pooled connection carries many clients) would read as {@code Bearer AbC}, so a token check would accept it.
 * Without the cache each request's values are exactly the bytes sent.
 *
 * <p>The app's own customizer (an error handler, a connector setting) runs on each server right after it is created,
 * before Spark adds its connector and handler and starts it.
 */
final class MeasuringServerFactory implements JettyServerFactory {
  private final HttpMetrics metrics;
  private final Consumer<Server> customizer;

  MeasuringServerFactory(HttpMetrics metrics, Consumer<Server> customizer) {
    this.metrics = metrics;
    this.customizer = customizer;
  }

  @Override
  public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
    if (maxThreads <= 0) {
      return customized(new MeasuringServer(null));
    }
    return customized(new MeasuringServer(new QueuedThreadPool(maxThreads, minThreads > 0 ? minThreads : 8,
        threadTimeoutMillis > 0 ? threadTimeoutMillis : 60_000)));
  }

  @Override
  public Server create(@Nullable ThreadPool threadPool) {
    return customized(new MeasuringServer(threadPool));
  }

  private Server customized(Server server) {
    customizer.accept(server);
    return server;
  }

  private final class MeasuringServer extends Server {
    MeasuringServer(@Nullable ThreadPool threadPool) {
      super(threadPool);
    }

    /** Spark adds its connector before it starts the server. */
    @Override
    protected void doStart() throws Exception {
      for (Connector connector : getConnectors()) {
        HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
        if (http != null) {
          http.getHttpConfiguration().setHeaderCacheSize(0);
        }
      }
      super.doStart();
    }

    @Override
    public void setHandler(Handler handler) {
      HandlerWrapper measuring = new HandlerWrapper() {
        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request,
            HttpServletResponse response) throws IOException, ServletException {
          RequestTiming.measure(metrics, request, response, r -> null,
              () -> super.handle(target, baseRequest, request, response));
        }
      };
      measuring.setHandler(handler);
      super.setHandler(measuring);
    }
  }
}
