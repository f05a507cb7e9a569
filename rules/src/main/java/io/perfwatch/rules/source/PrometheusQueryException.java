package io.perfwatch.rules.source;

/**
 * Prometheus could not answer: unreachable, too slow, an HTTP error or {@code "status": "error"}. The message names
 * the server, the query and the reason; a failed window is never reported as zeros.
 */
public final class PrometheusQueryException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  PrometheusQueryException(String message, String reason) {
    super(message);
    this.reason = reason;
  }

  /** Why, without the server's address or the query: what the public health endpoint may show. */
  public String reason() {
    return reason;
  }
}
