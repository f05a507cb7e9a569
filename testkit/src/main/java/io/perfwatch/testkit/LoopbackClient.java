package io.perfwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a real server over loopback, as a client would; failures to connect are thrown, never turned into a status. */
public final class LoopbackClient {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public LoopbackClient(URI base) {
    this.base = base;
  }

  public LoopbackClient(int port) {
    this(URI.create("http://127.0.0.1:" + port));
  }

  /** {@code headers}: name, value, name, value... */
  public HttpResponse<String> send(String method, String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, headers);
  }

  /**
   * GETs {@code path} until its body contains {@code expected}, for at most 10 s, and returns the last body either
   * way: a server records a request once it has finished it, a moment after the client has the answer.
   */
  public String getUntilContains(String path, String expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String body = get(path).body();
    while (!body.contains(expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      body = get(path).body();
    }
    return body;
  }
}
