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
import java.util.function.IntFunction;

/**
 * A real server binary on a free loopback port, its output in {@code <dir>/<name>.log}, ready once its
 * {@code /-/ready} answers 200 (Prometheus and Alertmanager both have it). Fails, never skips, when the binary is
 * missing.
 */
final class DaemonProcess implements AutoCloseable {
  private final Process process;
  private final URI uri;

  /**
   * @param arguments the command line after the binary, for the port chosen
   * @param missing what to tell the user when the binary is not installed
   */
  DaemonProcess(Path binary, String name, Path dir, IntFunction<List<String>> arguments, String missing)
      throws IOException {
    if (!Files.isExecutable(binary)) {
      throw new AssertionError(binary + " not found: " + missing);
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    uri = URI.create("http://127.0.0.1:" + port);
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(arguments.apply(port));
    Path log = dir.resolve(name + ".log");
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    try {
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(
          HttpRequest.newBuilder(uri.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200);
    } catch (RuntimeException e) {
      close();
      throw new AssertionError(binary.getFileName() + " did not become ready; see " + log, e);
    }
  }

  URI uri() {
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
