package io.perfwatch.service.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own answers in the service's error shape instead of Jetty's HTML pages, whatever the client's
 * {@code Accept} says. Jetty answers before any route runs when a request is malformed (bad URI, a control character
 * in the request line or a header: 400), its request line is too long (414) or its headers too large (431); these
 * go through {@link #badMessageError}. A failure that escapes Spark entirely (an {@code Error} in a route) goes
 * through the error dispatch; it is answered as the routes answer theirs, a 500 with an {@code error_id} that is also
 * in the log.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

  private final Server server;

  private JsonErrorHandler(Server server) {
    this.server = server;
    setShowStacks(false);
    setShowServlet(false);
  }

  /** Sets the handler on {@code server}, any time before it starts. */
  public static void install(Server server) {
    server.setErrorHandler(new JsonErrorHandler(server));
  }

  /** The connector's limit on the request line and on the headers (read when needed: Spark adds it late). */
  private int headerLimit() {
    return Arrays.stream(server.getConnectors()).map(c -> c.getConnectionFactory(HttpConnectionFactory.class))
        .filter(Objects::nonNull).mapToInt(f -> f.getHttpConfiguration().getRequestHeaderSize()).min()
        .orElse(HttpErrors.DEFAULT_HEADER_LIMIT);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(Json.write(HttpErrors.of(status, reason, headerLimit())).getBytes(StandardCharsets.UTF_8));
  }

  /** Every method gets a body (Jetty's default gives one to GET, POST and HEAD only). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    ErrorResponse body = HttpErrors.of(code, message, headerLimit());
    if (code >= 500) {
      String id = UUID.randomUUID().toString();
      String what = baseRequest.getMethod() + " " + ClientText.plain(String.valueOf(baseRequest.getRequestURI()), 200);
      if (baseRequest.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
        LOG.error("internal error {} on {}", id, what, failure);
      } else {
        LOG.error("internal error {} on {}: {}", id, what, ClientText.plain(String.valueOf(message), 200));
      }
      body = HttpErrors.internal(HttpErrors.code(code), id);
    }
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
