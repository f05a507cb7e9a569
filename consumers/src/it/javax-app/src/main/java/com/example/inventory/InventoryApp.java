package com.example.inventory;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.http.RouteTemplates;
import io.perfwatch.servlet.PerfWatchFilter;
import io.perfwatch.servlet.PerfWatchMetricsServlet;
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

/** A Jetty 9.4 servlet app under {@code /inventory}, instrumented by perfwatch's javax filter. */
public final class InventoryApp {
  private InventoryApp() {}

  public static void main(String[] args) throws Exception {
    start(8080).join();
  }

  public static Server start(int port) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler inventory = new ServletContextHandler(server, "/inventory");
    // tag::recipe[]
    PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.fromEnvironment()).build().start();
    RouteTemplates routes = RouteTemplates.of("/items/:sku", "/items/:sku/stock");
    inventory.addFilter(new FilterHolder(new PerfWatchFilter(perfwatch, routes)), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    inventory.addServlet(new ServletHolder(new PerfWatchMetricsServlet(perfwatch)), "/metrics");
    // end::recipe[]
    inventory.addServlet(StockServlet.class, "/items/*");
    server.start();
    return server;
  }

  /** {@code /items/{sku}/stock}: the stock of one item; a broken item fails inside the app. */
  public static final class StockServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String sku = request.getPathInfo().split("/")[1];
      if (sku.startsWith("broken")) {
        throw new IllegalStateException("stock of " + sku + " cannot be read");
      }
      response.setContentType("text/plain");
      response.getWriter().print(sku.length() * 10);
    }
  }
}
