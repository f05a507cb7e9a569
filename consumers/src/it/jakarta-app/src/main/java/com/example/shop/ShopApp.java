package com.example.shop;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.http.RouteTemplates;
import io.perfwatch.jakarta.PerfWatchFilter;
import io.perfwatch.jakarta.PerfWatchMetricsServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/** A Jetty 12 servlet app, instrumented by perfwatch's jakarta filter. */
public final class ShopApp {
  private static final Map<String, String> PRODUCTS = Map.of("1", "lamp", "2", "desk");

  private ShopApp() {}

  public static void main(String[] args) throws Exception {
    start(8080).join();
  }

  public static Server start(int port) throws Exception {
    Server server = new Server(port);
    ServletContextHandler context = new ServletContextHandler();
    // tag::recipe[]
    PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.fromEnvironment()).build().start();
    context.addFilter(new FilterHolder(new PerfWatchFilter(perfwatch, RouteTemplates.of("/products/:id"))),
        "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new PerfWatchMetricsServlet(perfwatch)), "/metrics");
    // end::recipe[]
    context.addServlet(new ServletHolder(new ProductServlet()), "/products/*");
    server.setHandler(context);
    server.start();
    return server;
  }

  private static final class ProductServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String product = PRODUCTS.get(request.getPathInfo().substring(1));
      if (product == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      response.getWriter().write(product);
    }
  }
}
