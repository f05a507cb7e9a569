package io.perfwatch.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.http.RouteTemplates;
import io.perfwatch.testkit.LoopbackClient;
import java.io.IOException;
import java.time.Duration;
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
class PerfWatchFilterTest {
  private final PerfWatch perfwatch = PerfWatch.builder().build();
  private Server server;
  private LoopbackClient client;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/shop");
    context.addFilter(new FilterHolder(new PerfWatchFilter(perfwatch, RouteTemplates.of("/orders/:id"))), "/*",
        EnumSet.allOf(DispatcherType.class));
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp)
          throws IOException, javax.servlet.ServletException {
        String path = req.getRequestURI();
        if (path.startsWith("/shop/explode")) {
          throw new IllegalArgumentException("bad input");
        }
        if (path.startsWith("/shop/wrapped")) {
          throw new javax.servlet.ServletException("wrapped", new java.io.UncheckedIOException(
              new java.io.IOException("disk")));
        }
        if (path.startsWith("/shop/tagged")) {
          req.setAttribute(PerfWatchFilter.ROUTE_ATTRIBUTE, "/tagged/:name");
        }
        if (path.startsWith("/shop/missing")) {
          resp.sendError(404); // an ERROR dispatch follows: still one request
          return;
        }
        resp.setStatus(path.startsWith("/shop/orders") || path.startsWith("/shop/tagged")
            || path.equals("/shop/health") ? 200 : 404);
        resp.getWriter().write("ok");
      }
    }), "/*");
    server.setHandler(context);
    server.start();
    client = new LoopbackClient(connector.getLocalPort());
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  /** perfwatch records a request once the server has finished it, a moment after the client has the answer. */
  private void awaitRequests(long expected) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> perfwatch.stats().live().requestsTotal() >= expected);
  }

  private double count(String uri, String status, String exception) {
    awaitRequests(1);
    Timer timer = perfwatch.registry().find("http.server.requests")
        .tags("uri", uri, "status", status, "exception", exception).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void resolvesRoutesFromTemplates() {
    client.get("/shop/orders/1");
    client.get("/shop/orders/2");
    awaitRequests(2);

    assertThat(count("/orders/:id", "200", "None")).isEqualTo(2);
  }

  @Test
  void prefersTheRouteTheAppSetAsAnAttribute() {
    client.get("/shop/tagged/alice");

    assertThat(count("/tagged/:name", "200", "None")).isEqualTo(1);
  }

  @Test
  void labelsUnknownPathsNotFound() {
    client.get("/shop/nothing/here");

    assertThat(count("NOT_FOUND", "404", "None")).isEqualTo(1);
  }

  @Test
  void recordsAnEscapingExceptionAs500AndRethrowsIt() {
    assertThat(client.get("/shop/explode").statusCode()).isEqualTo(500);

    assertThat(count("UNKNOWN", "500", "IllegalArgumentException")).isEqualTo(1);
    assertThat(perfwatch.stats().live().activeRequests()).isZero();
  }

  @Test
  void recordsTheRootCauseOfAServletException() {
    assertThat(client.get("/shop/wrapped").statusCode()).isEqualTo(500);

    assertThat(count("UNKNOWN", "500", "UncheckedIOException")).isEqualTo(1);
  }

  @Test
  void countsAnErrorDispatchOnce() {
    assertThat(client.get("/shop/missing").statusCode()).isEqualTo(404);

    assertThat(count("NOT_FOUND", "404", "None")).isEqualTo(1);
    assertThat(perfwatch.stats().live().requestsTotal()).isEqualTo(1);
  }

  @Test
  void excludesPathsWithinTheContext() {
    client.get("/shop/health");
    client.get("/shop/orders/3");
    awaitRequests(1);

    assertThat(perfwatch.registry().find("http.server.requests").timers())
        .extracting(t -> t.getId().getTag("uri")).containsExactly("/orders/:id");
  }

  @Test
  void aThrowingRouteResolverNeitherFailsTheRequestNorLeavesItOpen() throws Exception {
    server.stop();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(new PerfWatchFilter(perfwatch, request -> {
      throw new IllegalStateException("resolver bug");
    })), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.getWriter().write("fine");
      }
    }), "/*");
    server.setHandler(context);
    server.start();

    assertThat(new LoopbackClient(connector.getLocalPort()).get("/x").body()).isEqualTo("fine");

    assertThat(count("UNKNOWN", "200", "None")).isEqualTo(1);
    assertThat(perfwatch.stats().live().activeRequests()).isZero();
  }
}
