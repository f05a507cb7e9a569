package io.perfwatch.rules.source;

/** Text that is not valid Prometheus (0.0.4) or OpenMetrics exposition, with the line that is wrong. */
public final class PrometheusFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;

  PrometheusFormatException(int line, String problem) {
    super(line > 0 ? "line " + line + ": " + problem : problem);
    this.line = line;
  }

  /** 1-based line of the problem; 0 when it concerns the whole body (its size, its sample count). */
  public int line() {
    return line;
  }
}
