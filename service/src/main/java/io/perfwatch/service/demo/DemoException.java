package io.perfwatch.service.demo;

import java.util.Map;

/**
 * A request the demo refuses (bad parameter, missing row, invalid, oversized or non-JSON body), answered with its
 * status as JSON.
 */
final class DemoException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, String> fields;

  private DemoException(int status, String code, String message, Map<String, String> fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  static DemoException badParameter(String message) {
    return new DemoException(400, "invalid_parameter", message, Map.of());
  }

  /** A query string refused as a whole: {@code bad_request} (malformed) or {@code unknown_parameter}. */
  static DemoException badQuery(String code, String message) {
    return new DemoException(400, code, message, Map.of());
  }

  static DemoException notFound(String message) {
    return new DemoException(404, "not_found", message, Map.of());
  }

  static DemoException invalidBody(String message) {
    return new DemoException(400, "invalid_json", message, Map.of());
  }

  static DemoException bodyTooLarge(int limit) {
    return new DemoException(413, "body_too_large", "request body is larger than " + limit + " bytes; send at most "
        + limit + " bytes", Map.of());
  }

  static DemoException unsupportedMediaType(String message) {
    return new DemoException(415, "unsupported_media_type", message, Map.of());
  }

  /** @param fields field name to what is wrong with it, in body order */
  static DemoException validation(Map<String, String> fields) {
    return new DemoException(400, "validation_failed", fields.size() == 1 ? "1 field is invalid"
        : fields.size() + " fields are invalid", fields);
  }

  int status() {
    return status;
  }

  ErrorResponse toResponse() {
    return ErrorResponse.of(code, getMessage(), fields);
  }
}
