package io.perfwatch.service.api;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import spark.utils.MimeParse;

/**
 * Disregards an {@code Accept} header that accepts nothing at all (e.g. {@code *}{@code /*;q=0}) or that Spark cannot
 * parse (e.g. {@code ;}), as RFC 9110 (12.5.1) allows: Spark matches routes against it and would find none, so an
 * existing endpoint would answer 404 "no such endpoint", or fail on it with a 500. Every resource here has one
 * representation; such a request gets it ({@code /metrics} its default format).
 */
public final class AcceptAnything implements HttpConfiguration.Customizer {
  private static final List<String> ANY = List.of("*/*");

  private AcceptAnything() {}

  /**
   * Adds the customizer to each HTTP connector of {@code server} as it starts (Spark adds its connector after it
   * creates the server, which is when an app gets to configure it).
   */
  public static void install(Server server) {
    server.addLifeCycleListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        for (Connector connector : server.getConnectors()) {
          HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
          if (http != null) {
            http.getHttpConfiguration().addCustomizer(new AcceptAnything());
          }
        }
      }
    });
  }

  @Override
  public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
    HttpFields fields = request.getHttpFields();
    String accept = fields.get(HttpHeader.ACCEPT);
    if (accept != null && !acceptsAnything(accept)) {
      fields.put(HttpHeader.ACCEPT, "*/*");
    }
  }

  /** The check Spark's route matching makes, against a route that takes any type. */
  private static boolean acceptsAnything(String accept) {
    try {
      return !MimeParse.bestMatch(ANY, accept).equals(MimeParse.NO_MIME_TYPE);
    } catch (RuntimeException e) { // ";" throws ArrayIndexOutOfBoundsException
      return false;
    }
  }
}
