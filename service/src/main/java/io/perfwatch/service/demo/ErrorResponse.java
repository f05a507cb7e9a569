package io.perfwatch.service.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@code {"error": {"code": "...", "message": "...", "fields": {...}}}}; {@code fields} only for validation. */
record ErrorResponse(Detail error) {

  ErrorResponse {
    Objects.requireNonNull(error, "error");
  }

  static ErrorResponse of(String code, String message, Map<String, String> fields) {
    return new ErrorResponse(new Detail(code, message, fields));
  }

  record Detail(String code, String message, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> fields) {

    Detail {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // keeps body order
    }
  }
}
