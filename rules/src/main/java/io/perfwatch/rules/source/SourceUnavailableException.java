package io.perfwatch.rules.source;

/** A source that cannot answer right now (see {@link WatchedSource}); the API answers 503. */
public final class SourceUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  SourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
