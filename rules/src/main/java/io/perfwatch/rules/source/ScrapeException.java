package io.perfwatch.rules.source;

/** A scrape that failed for a reason the target is responsible for (HTTP status, size, format). */
final class ScrapeException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  ScrapeException(String message) {
    super(message);
  }
}
