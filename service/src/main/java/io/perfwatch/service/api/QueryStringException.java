package io.perfwatch.service.api;

/** A query string refused as a whole (400), with a stable code and a message safe to show the client. */
public final class QueryStringException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String code;

  QueryStringException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** {@code bad_request} (not valid percent-encoded UTF-8) or {@code unknown_parameter}. */
  public String code() {
    return code;
  }
}
