package io.perfwatch.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.reliability.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every answer of the fuzz test must be: never a 5xx; the status the document promises when it promises one;
 * a success valid against the operation's documented schema (any documented success for a path the server
 * normalized onto an operation); anything else the error shape of the operation's documented response for that
 * status, or of {@code default}; never a stack trace. Keeps the first problems and counts answers by kind and status.
 */
final class FuzzChecks {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int KEPT = 25;

  private final OpenApiSpec spec;
  private final String document;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Integer> counts = new TreeMap<>();
  private int checked;
  private int failed;

  FuzzChecks(OpenApiSpec spec) {
    this.spec = spec;
    try (InputStream in = FuzzChecks.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void check(int index, FuzzRequest request, RawHttp.Answer answer) {
    checked++;
    counts.merge(request.kind() + " " + answer.status(), 1, Integer::sum);
    Optional<String> problem = problem(request, answer);
    if (problem.isPresent()) {
      failed++;
      if (problems.size() < KEPT) {
        String body = answer.body().length() > 300 ? answer.body().substring(0, 300) + "..." : answer.body();
        problems.add("#" + index + " " + request + "\n    -> " + answer.status() + " " + body + "\n    "
            + problem.get());
      }
    }
  }

  int checked() {
    return checked;
  }

  /** Empty when every answer passed; else how many failed and the first of them. */
  String report() {
    return failed == 0 ? "" : failed + " of " + checked + " answers failed; the first " + problems.size() + ":\n"
        + String.join("\n", problems);
  }

  /** Answers by request kind and status, e.g. {@code invalid 400=512}. */
  Map<String, Integer> counts() {
    return counts;
  }

  private Optional<String> problem(FuzzRequest request, RawHttp.Answer answer) {
    int status = answer.status();
    if (status >= 500) {
      return Optional.of("a 5xx");
    }
    if (request.expected().isPresent() && request.expected().get() != status) {
      return Optional.of("the document promises " + request.expected().get());
    }
    if (answer.body().contains("\tat ") || answer.body().contains("Exception")) {
      return Optional.of("a stack trace or exception name in the body");
    }
    if (request.method().equals("HEAD")) {
      return Optional.empty(); // no body to check
    }
    Optional<String> documented = spec.findDocumentedPath(request.path());
    Optional<OpenApiSpec.Response> response = documented.flatMap(p -> spec.responseOrDefault(request.method(), p,
        status));
    if (status >= 200 && status < 300) {
      return success(answer, response);
    }
    String type = answer.header("Content-Type").orElse("");
    if (!type.equals("application/json")) {
      return Optional.of("an error of type '" + type + "', not application/json");
    }
    return violations(response.orElse(spec.component("Default")), answer.body());
  }

  private Optional<String> success(RawHttp.Answer answer, Optional<OpenApiSpec.Response> response) {
    String type = answer.header("Content-Type").orElse("");
    if (type.equals("application/yaml")) {
      return answer.body().equals(document) ? Optional.empty() : Optional.of("not the OpenAPI document");
    }
    if (!type.equals("application/json")) {
      return Optional.of("a success of type '" + type + "'");
    }
    if (response.isPresent()) {
      return violations(response.get(), answer.body());
    }
    // a path the server normalized onto an operation (dot segments, %2F): valid as some documented success
    for (OpenApiSpec.Response success : spec.successes()) {
      if (success.mediaType().equals("application/json") && violations(success, answer.body()).isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of("a success that no documented response describes");
  }

  private static Optional<String> violations(OpenApiSpec.Response response, String body) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (IOException e) {
      return Optional.of("not JSON");
    }
    List<String> violations = response.violations(json);
    return violations.isEmpty() ? Optional.empty() : Optional.of("violates the document: " + violations);
  }
}
