package io.perfwatch.rules.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on port 0 speaking the Prometheus query API: a query containing a registered fragment gets that
 * answer (status and JSON body), any other query an empty vector.
 */
final class FakePrometheus implements AutoCloseable {
  static final String EMPTY = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

  private final HttpServer server;
  private final Map<String, Object[]> answers = new ConcurrentHashMap<>();

  FakePrometheus() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/v1/query", exchange -> {
      String raw = exchange.getRequestURI().getRawQuery();
      String query = URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6, raw.indexOf("&time=")),
          StandardCharsets.UTF_8);
      Object[] answer = answers.entrySet().stream().filter(e -> query.contains(e.getKey())).map(Map.Entry::getValue)
          .findFirst().orElse(new Object[] {200, EMPTY});
      byte[] bytes = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders((Integer) answer[0], bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  /** Answers queries containing {@code fragment} with a success vector of {@code elements} (JSON objects). */
  FakePrometheus vector(String fragment, String... elements) {
    answers.put(fragment, new Object[] {200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        + "\"result\":[" + String.join(",", elements) + "]}}"});
    return this;
  }

  FakePrometheus answer(String fragment, int status, String body) {
    answers.put(fragment, new Object[] {status, body});
    return this;
  }

  /** One vector element as Prometheus writes it: labels, then [time, "value"]. */
  static String element(String labels, String value) {
    return "{\"metric\":{" + labels + "},\"value\":[1768471200.000,\"" + value + "\"]}";
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
