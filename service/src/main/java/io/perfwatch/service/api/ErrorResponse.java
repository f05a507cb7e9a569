package io.perfwatch.service.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The API's one error shape: {@code {"error": {"code": "...", "message": "..."}}}, never a stack trace. */
public record ErrorResponse(Map<String, Object> error) {

  public ErrorResponse {
    // code first, then message: a stable order for people reading it
    error = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(error, "error")));
  }

  public static ErrorResponse of(String code, String message) {
    return of(code, message, Map.of());
  }

  /** Extra members (e.g. {@code problems}, {@code error_id}) next to code and message. */
  public static ErrorResponse of(String code, String message, Map<String, Object> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.putAll(details);
    return new ErrorResponse(error);
  }
}
