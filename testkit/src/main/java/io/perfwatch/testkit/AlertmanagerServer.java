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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real Alertmanager ({@code /usr/bin/prometheus-alertmanager}, package {@code prometheus-alertmanager}) on a
 * free loopback port, with the given configuration, its data in {@code dir} and clustering off (no gossip port);
 * ready when constructed. Fails (never skips) when Alertmanager is not installed. {@link #SHORT_TIMINGS} is a route
 * and a resolve timeout short enough for tests; the caller adds its inhibit rules.
 */
public final class AlertmanagerServer implements AutoCloseable {
  public static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
  /** The start of a configuration: one receiver that does nothing, seconds-long grouping and resolve timeout. */
  public static final String SHORT_TIMINGS = """
      global:
        resolve_timeout: 10s
      route:
        receiver: none
        group_by: [alertname]
        group_wait: 1s
        group_interval: 1s
        repeat_interval: 1m
      receivers:
        - name: none
      """;

  private final Process process;
  private final URI uri;

  /** Writes {@code alertmanager.yml} into {@code dir} and starts Alertmanager with it. */
  public AlertmanagerServer(Path dir, String config) throws IOException {
    if (!Files.isExecutable(ALERTMANAGER)) {
      throw new AssertionError(ALERTMANAGER + " not found: install Debian's prometheus-alertmanager package or run "
          + ".ci/run");
    }
    Files.writeString(dir.resolve("alertmanager.yml"), config);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    uri = URI.create("http://127.0.0.1:" + port);
    List<String> command = List.of(ALERTMANAGER.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=");
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    try {
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(
          HttpRequest.newBuilder(uri.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200);
    } catch (RuntimeException e) {
      close();
      throw new AssertionError("Alertmanager did not become ready; see " + dir.resolve("alertmanager.log"), e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}; the v2 API is under {@code /api/v2}. */
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
