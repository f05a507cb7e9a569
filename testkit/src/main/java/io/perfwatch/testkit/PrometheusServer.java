package io.perfwatch.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real Prometheus ({@code /usr/bin/prometheus}) on a free loopback port, with the given configuration and
 * its data in {@code dir}; ready when constructed. Fails (never skips) when Prometheus is not installed.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

  private final Process process;
  private final URI uri;

  /** Writes {@code prometheus.yml} (and any extra files the caller put in {@code dir} stay) and starts Prometheus. */
  public PrometheusServer(Path dir, String config) throws IOException {
    this(dir, config, List.of());
  }

  /** As {@link #PrometheusServer(Path, String)}, with extra command-line flags such as feature flags. */
  public PrometheusServer(Path dir, String config, List<String> flags) throws IOException {
    if (!Files.isExecutable(PROMETHEUS)) {
      throw new AssertionError(PROMETHEUS + " not found: install Debian's prometheus package or run .ci/run");
    }
    Files.writeString(dir.resolve("prometheus.yml"), config);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    uri = URI.create("http://127.0.0.1:" + port);
    List<String> command = new ArrayList<>(List.of(PROMETHEUS.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port));
    command.addAll(flags);
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    try {
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(
          HttpRequest.newBuilder(uri.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200);
    } catch (RuntimeException e) {
      close();
      throw new AssertionError("Prometheus did not become ready; see " + dir.resolve("prometheus.log"), e);
    }
  }

  public URI uri() {
    return uri;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
