package io.perfwatch.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

  private final DaemonProcess process;

  /** Writes {@code alertmanager.yml} into {@code dir} and starts Alertmanager with it. */
  public AlertmanagerServer(Path dir, String config) throws IOException {
    Files.writeString(dir.resolve("alertmanager.yml"), config);
    process = new DaemonProcess(ALERTMANAGER, "alertmanager", dir, port -> List.of(
        "--config.file=" + dir.resolve("alertmanager.yml"), "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="),
        "install Debian's prometheus-alertmanager package or run .ci/run");
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}; the v2 API is under {@code /api/v2}. */
  public URI uri() {
    return process.uri();
  }

  @Override
  public void close() {
    process.close();
  }
}
