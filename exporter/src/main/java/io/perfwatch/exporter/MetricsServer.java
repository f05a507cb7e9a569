package io.perfwatch.exporter;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;

/** A running standalone {@code /metrics} server, from {@link PerfWatch#startMetricsServer(int)}. */
public final class MetricsServer implements AutoCloseable {
  private final HTTPServer server;

  MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /** The port it listens on: the one asked for, or the free one chosen when 0 was asked for. */
  public int port() {
    return server.getPort();
  }

  /** Stops the server; the metrics keep being recorded. */
  @Override
  public void close() {
    server.close();
  }
}
