package io.perfwatch.service.api;

import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/**
 * The error body of a status that has no more specific answer: what Jetty decides on its own (a malformed request,
 * a request line or headers over the limit) and Jetty's {@code BadMessageException} from inside a route. The code
 * is stable per status; the message says what to change, with Jetty's reason (sanitized) where it helps.
 */
final class HttpErrors {
  /** Jetty's default limit on the request line and on the headers, in bytes. */
  static final int DEFAULT_HEADER_LIMIT = 8192;
  private static final int MAX_REASON = 80;

  private HttpErrors() {}

  static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "request_timeout";
      case 411 -> "length_required";
      case 413 -> "body_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 417 -> "expectation_failed";
      case 426 -> "upgrade_required";
      case 431 -> "headers_too_large";
      case 500 -> "internal_error";
      case 501 -> "not_implemented";
      case 503 -> "unavailable";
      case 505 -> "http_version_not_supported";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  /** A failure of the server: the id is also in the log, next to the stack trace. */
  static ErrorResponse internal(String code, String errorId) {
    return ErrorResponse.of(code, "the server failed to answer this request; quote error id " + errorId
        + " to its operators", Map.of("error_id", errorId));
  }

  /**
   * @param reason Jetty's reason, e.g. {@code Illegal character CNTL=0x7f}, or null
   * @param headerLimit the connector's limit on the request line and on the headers, in bytes (only for 414, 431)
   */
  static ErrorResponse of(int status, @Nullable String reason, int headerLimit) {
    String message = switch (status) {
      case 414 -> "the request line (method, URL and version) is longer than " + headerLimit
          + " bytes; shorten the URL";
      case 431 -> "the request's headers are larger than " + headerLimit + " bytes in total; send fewer or shorter "
          + "headers";
      default -> {
        String text = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
        boolean useful = reason != null && !reason.isBlank() && !reason.equalsIgnoreCase(HttpStatus.getMessage(status));
        yield useful ? text + ": " + ClientText.plain(reason, MAX_REASON) : text;
      }
    };
    return ErrorResponse.of(code(status), message);
  }
}
