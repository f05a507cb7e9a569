package io.perfwatch.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's real Prometheus ({@code /usr/bin/prometheus}) on a free loopback port, with the given configuration and
 * its data in {@code dir}; ready when constructed. Fails (never skips) when Prometheus is not installed.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

  private final DaemonProcess process;

  /** Writes {@code prometheus.yml} (and any extra files the caller put in {@code dir} stay) and starts Prometheus. */
  public PrometheusServer(Path dir, String config) throws IOException {
    this(dir, config, List.of());
  }

  /** As {@link #PrometheusServer(Path, String)}, with extra command-line flags such as feature flags. */
  public PrometheusServer(Path dir, String config, List<String> flags) throws IOException {
    Files.writeString(dir.resolve("prometheus.yml"), config);
    process = new DaemonProcess(PROMETHEUS, "prometheus", dir, port -> {
      List<String> arguments = new ArrayList<>(List.of("--config.file=" + dir.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port));
      arguments.addAll(flags);
      return arguments;
    }, "install Debian's prometheus package or run .ci/run");
  }

  public URI uri() {
    return process.uri();
  }

  @Override
  public void close() {
    process.close();
  }
}
