package io.perfwatch.rules.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A real HTTP server on port 0 answering every path with a body and status the test sets. */
final class FakeTarget implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicReference<String> contentType = new AtomicReference<>("text/plain; version=0.0.4");

  FakeTarget() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      byte[] bytes = body.get();
      exchange.getResponseHeaders().set("Content-Type", contentType.get());
      exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  FakeTarget serve(String text) {
    body.set(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Bytes as they are, valid UTF-8 or not. */
  FakeTarget serveBytes(byte[] bytes) {
    body.set(bytes.clone());
    return this;
  }

  FakeTarget status(int code) {
    status.set(code);
    return this;
  }

  FakeTarget contentType(String type) {
    contentType.set(type);
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  String url() {
    return url("/metrics");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
