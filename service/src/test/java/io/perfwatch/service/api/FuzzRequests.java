package io.perfwatch.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The fuzz test's requests, derived from the OpenAPI document: every operation with parameter values generated
 * from their schemas (valid ones, and invalid ones that the schema rejects), unknown and malformed parameters,
 * random paths, other methods and header variants ({@link FuzzHeaders}). Admin operations carry the token.
 */
final class FuzzRequests {
  static final String HOST = "Host: localhost\r\n";
  private static final List<String> ROUTES = List.of("api/transactions/:id", "/api/transactions/42",
      "api/users/:id/summary", "api/users/7/summary", "api/reports/monthly", "api/transactions", "demo/sleep",
      "demo/status/500", "api/nothing", "/api/users/7/summary/");

  private final List<Operation> operations = new ArrayList<>();
  private final String auth;

  /** A query parameter; {@code watched}: the names a fleet watches, for {@code job} and {@code instance}. */
  record Parameter(String name, JsonNode schema, List<String> watched) {}

  record Operation(String method, String path, boolean admin, List<Parameter> query) {}

  /** Requests for the in-process service: {@code job} and {@code instance} (fleet only) are unknown there. */
  FuzzRequests(OpenApiSpec spec, String token) {
    this(spec, token, Map.of());
  }

  /**
   * Requests for a fleet: {@code watched} has the names of its jobs and instances by parameter ({@code job},
   * {@code instance}); values are those or any other text (a 404).
   */
  FuzzRequests(OpenApiSpec spec, String token, Map<String, List<String>> watched) {
    this.auth = "Authorization: Bearer " + token + "\r\n";
    for (String operation : spec.operations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1);
      List<JsonNode> documented = watched.isEmpty() ? spec.inProcessQueryParameters(method, path)
          : spec.parameters(method, path).stream().filter(p -> p.path("in").asText().equals("query")).toList();
      List<Parameter> query = documented.stream().map(p -> new Parameter(p.get("name").asText(), p.get("schema"),
          watched.getOrDefault(p.get("name").asText(), List.of()))).toList();
      boolean admin = spec.document().at("/paths/" + path.replace("/", "~1") + "/" + method.toLowerCase(Locale.ROOT)
          + "/security").isArray();
      operations.add(new Operation(method, path, admin, query));
    }
  }

  /** The mix of the main phase. */
  Arbitrary<FuzzRequest> requests() {
    Arbitrary<Operation> operation = Arbitraries.of(operations);
    return Arbitraries.frequencyOf(
        Tuple.of(45, operation.flatMap(this::valid)),
        Tuple.of(22, operation.flatMap(this::invalid)),
        Tuple.of(11, randomPath()),
        Tuple.of(15, operation.flatMap(op -> valid(op).flatMap(FuzzHeaders::variant))),
        Tuple.of(7, operation.flatMap(this::otherMethod)));
  }

  /** Admin operations with a missing, wrong or oddly spelled token: 401 and, after ten failures, 429. */
  Arbitrary<FuzzRequest> authVariants() {
    String token = auth.substring("Authorization: Bearer ".length(), auth.length() - 2);
    Arbitrary<String> header = Arbitraries.of("", "Authorization: Bearer wrong-token-0123456789\r\n",
        "Authorization: Basic dXNlcjpwYXNz\r\n", "Authorization: Bearer\r\n", "Authorization: bearer " + token
        + "\r\n", "Authorization: Bearer " + token.toUpperCase(Locale.ROOT) + "\r\n", "Authorization: " + token
        + "\r\n", auth);
    return Combinators.combine(Arbitraries.of(operations.stream().filter(Operation::admin).toList()), header)
        .flatAs((op, h) -> target(op).map(t -> FuzzRequest.of("auth", op.method(), t, HOST + h, Optional.empty())));
  }

  /**
   * A documented call: 200, except that what a path parameter names may not exist (404), nor a job or instance
   * that a fleet is asked for.
   */
  Arbitrary<FuzzRequest> valid(Operation op) {
    List<String> fleet = op.query().stream().filter(p -> !p.watched().isEmpty()).map(Parameter::name).toList();
    return target(op).map(t -> FuzzRequest.of("valid", op.method(), t, headers(op),
        op.path().contains("{") || fleet.stream().anyMatch(n -> t.contains("?" + n + "=") || t.contains("&" + n + "="))
            ? Optional.empty() : Optional.of(200)));
  }

  private Arbitrary<FuzzRequest> invalid(Operation op) {
    List<Arbitrary<String>> bad = new ArrayList<>();
    bad.add(unknownParameter(op));
    bad.add(Arbitraries.of("%zz", "%", "%4", "%C0%80", "%E2%82", "%FF", "%u0041", "%%", "%ED%A0%80", "%G0")
        .flatMap(m -> Arbitraries.of(m + "=1", "x" + m, op.query().isEmpty() ? m
            : op.query().get(0).name() + "=" + m)));
    if (!op.query().isEmpty()) {
      Arbitrary<Parameter> parameter = Arbitraries.of(op.query());
      bad.add(parameter.flatMap(p -> FuzzValues.invalid(p.schema()).map(v -> p.name() + "=" + encode(v))));
      bad.add(parameter.flatMap(p -> FuzzValues.valid(p.schema()).map(v -> p.name() + "=" + encode(v) + "&"
          + p.name() + "=" + encode(v))));
    }
    return Combinators.combine(pathOf(op), query(op), Arbitraries.oneOf(bad)).as((path, valid, extra) ->
        FuzzRequest.of("invalid", op.method(), path + "?" + (valid.isEmpty() ? "" : valid + "&") + extra, headers(op),
            Optional.of(400)));
  }

  private Arbitrary<FuzzRequest> otherMethod(Operation op) {
    Arbitrary<String> method = Arbitraries.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW", "HEAD",
        op.method().equals("GET") ? "POST" : "GET");
    return Combinators.combine(method, target(op)).as((m, t) -> FuzzRequest.of("method", m, t, headers(op),
        m.equals("HEAD") && op.method().equals("GET") ? Optional.empty() : Optional.of(404)));
  }

  private Arbitrary<FuzzRequest> randomPath() {
    Arbitrary<String> segment = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("-._~").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().all().ofMaxLength(8).map(FuzzRequests::encodeSegment),
        Arbitraries.of("..", ".", "", "%2F", "%2f", "%00", "%zz", "%", "%2e%2e", ";x=1", "%C0%80", "%E2%82%AC",
            "health", "analyze", "endpoint", "%20", "+", "*", "@", "~", "%3F", "%23"));
    Arbitrary<String> prefix = Arbitraries.of(PerformanceRoutes.BASE + "/", "/api/v1/", "/",
        PerformanceRoutes.BASE + "/analyze/endpoint/");
    // with the token: ten requests without one that land on admin operations would lock this client out
    return Combinators.combine(prefix, segment.list().ofMinSize(1).ofMaxSize(5)).as((p, segments) ->
        FuzzRequest.of("path", "GET", p + String.join("/", segments), HOST + auth, Optional.empty()));
  }

  private Arbitrary<String> target(Operation op) {
    return Combinators.combine(pathOf(op), query(op)).as((path, query) -> query.isEmpty() ? path : path + "?" + query);
  }

  private String headers(Operation op) {
    return HOST + (op.admin() ? auth : "");
  }

  private static Arbitrary<String> pathOf(Operation op) {
    if (op.path().contains("{path}")) {
      // without NUL: a URL with %00 is refused as a whole (400), as the document says
      Arbitrary<String> route = Arbitraries.oneOf(Arbitraries.of(ROUTES),
          Arbitraries.strings().all().excludeChars('\u0000').ofMinLength(1).ofMaxLength(20));
      return route.map(r -> op.path().replace("{path}", Pattern.compile("/", Pattern.LITERAL).splitAsStream(r)
          .map(FuzzRequests::encodeSegment).collect(Collectors.joining("/"))));
    }
    if (op.path().contains("{")) { // one segment, e.g. an alert's id
      return Arbitraries.strings().all().excludeChars('\u0000').ofMinLength(1).ofMaxLength(20)
          .map(v -> op.path().replaceAll("\\{[^}]+}", encodeSegment(v))); // encoded: no $ or backslash
    }
    return Arbitraries.just(op.path());
  }

  /** Each documented parameter present or not, with a value from its schema. */
  private static Arbitrary<String> query(Operation op) {
    if (op.query().isEmpty()) {
      return Arbitraries.just("");
    }
    List<Arbitrary<String>> parts = op.query().stream().map(p -> (p.watched().isEmpty() ? FuzzValues.valid(p.schema())
        : Arbitraries.oneOf(Arbitraries.of(p.watched()), FuzzValues.valid(p.schema())))
        .map(v -> p.name() + "=" + encode(v)).injectNull(0.4)).toList();
    return Combinators.combine(parts).as(l -> l.stream().filter(Objects::nonNull).collect(Collectors.joining("&")));
  }

  private static Arbitrary<String> unknownParameter(Operation op) {
    List<String> allowed = op.query().stream().map(Parameter::name).toList();
    Arbitrary<String> typo = allowed.isEmpty() ? Arbitraries.just("minuts") : Arbitraries.of(allowed)
        .flatMap(n -> Arbitraries.of(n.substring(1), n.toUpperCase(Locale.ROOT), n + "s", n.replace('_', '-')));
    return Arbitraries.oneOf(typo, Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1)
        .ofMaxLength(12), Arbitraries.strings().all().ofMinLength(1).ofMaxLength(10))
        .filter(n -> !allowed.contains(n)).map(n -> encode(n) + "=1");
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** One path segment as the document says: every byte but unreserved characters and ':' percent-encoded. */
  static String encodeSegment(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
