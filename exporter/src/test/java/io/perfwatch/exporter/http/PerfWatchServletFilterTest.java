package io.perfwatch.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.perfwatch.exporter.PerfWatch;
import java.io.IOException;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter in a plain Jetty servlet container, no Spark. */
class PerfWatchServletFilterTest {
  private final PerfWatch perfwatch = PerfWatch.builder().build();
  private Server server;
  private TestClient client;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(perfwatch.servletFilter(RouteTemplates.of("/orders/:id"))), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.startsWith("/explode")) {
          throw new IllegalArgumentException("bad input");
        }
        if (path.startsWith("/tagged")) {
          req.setAttribute(PerfWatchServletFilter.ROUTE_ATTRIBUTE, "/tagged/:name");
        }
        resp.setStatus(path.startsWith("/orders") || path.startsWith("/tagged") ? 200 : 404);
        resp.getWriter().write("ok");
      }
    }), "/*");
    server.setHandler(context);
    server.start();
    client = new TestClient(connector.getLocalPort());
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private double count(String uri, String status, String exception) {
    Timer timer = perfwatch.registry().find("http.server.requests")
        .tags("uri", uri, "status", status, "exception", exception).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void resolvesRoutesFromTemplates() {
    client.get("/orders/1");
    client.get("/orders/2");

    assertThat(count("/orders/:id", "200", "None")).isEqualTo(2);
  }

  @Test
  void prefersTheRouteTheAppSetAsAnAttribute() {
    client.get("/tagged/alice");

    assertThat(count("/tagged/:name", "200", "None")).isEqualTo(1);
  }

  @Test
  void labelsUnknownPathsNotFound() {
    client.get("/nothing/here");

    assertThat(count("NOT_FOUND", "404", "None")).isEqualTo(1);
  }

  @Test
  void recordsAnEscapingExceptionAs500AndRethrowsIt() {
    assertThat(client.get("/explode").statusCode()).isEqualTo(500);

    assertThat(count("UNKNOWN", "500", "IllegalArgumentException")).isEqualTo(1);
    assertThat(perfwatch.http().activeRequests()).isZero();
  }
}
