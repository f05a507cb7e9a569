package io.perfwatch.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The OpenAPI document read as data: its operations and their responses, with each response schema turned into a
 * standalone JSON Schema 2020-12 document whose {@code $defs} are the document's {@code components.schemas}.
 */
final class OpenApiSpec {
  private static final String SCHEMAS = "#/components/schemas/";
  /** Unknown keywords fail, so a typo in the document cannot silently weaken a schema. */
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
          .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance()).build()));
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .formatAssertionsEnabled(true).build();

  private final JsonNode document;
  private final JsonNode defs;

  private OpenApiSpec(JsonNode document) {
    this.document = document;
    this.defs = localRefs(document.path("components").path("schemas"));
  }

  static OpenApiSpec load() {
    try (InputStream in = OpenApiSpec.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      return new OpenApiSpec(new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode document() {
    return document;
  }

  /** Every operation as {@code "GET /api/v1/performance/health"}. */
  List<String> operations() {
    List<String> operations = new ArrayList<>();
    document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return operations;
  }

  /** The operation's documented parameters, references resolved. */
  List<JsonNode> parameters(String method, String documentedPath) {
    List<JsonNode> parameters = new ArrayList<>();
    operation(method, documentedPath).path("parameters").forEach(p -> parameters.add(resolve(p)));
    return parameters;
  }

  /**
   * The operation's query parameters that the in-process service takes: all but those marked {@code x-fleet-only}
   * ({@code job}, {@code instance}), which only a fleet source takes.
   */
  List<JsonNode> inProcessQueryParameters(String method, String documentedPath) {
    return parameters(method, documentedPath).stream().filter(p -> p.path("in").asText().equals("query"))
        .filter(p -> !p.path("x-fleet-only").asBoolean()).toList();
  }

  /** The documented path (e.g. {@code /a/{path}}) that a concrete request path matches. */
  String documentedPath(String requestPath) {
    return findDocumentedPath(requestPath)
        .orElseThrow(() -> new AssertionError("expected one documented path for " + requestPath));
  }

  /** The documented path that a concrete request path matches, if exactly one does. */
  Optional<String> findDocumentedPath(String requestPath) {
    List<String> matches = new ArrayList<>();
    document.get("paths").fieldNames().forEachRemaining(p -> {
      if (requestPath.matches(Pattern.quote(p).replaceAll("\\{[^}]+}", "\\\\E.+\\\\Q"))) {
        matches.add(p);
      }
    });
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  /** The operation's documented response for the status, else its {@code default}; empty for no such operation. */
  Optional<Response> responseOrDefault(String method, String documentedPath, int status) {
    JsonNode responses = document.path("paths").path(documentedPath).path(method.toLowerCase(Locale.ROOT))
        .path("responses");
    JsonNode response = responses.has(Integer.toString(status)) ? responses.get(Integer.toString(status))
        : responses.path("default");
    return response.isMissingNode() ? Optional.empty() : Optional.of(new Response(resolve(response)));
  }

  /** Every operation's documented 200 response. */
  List<Response> successes() {
    List<Response> successes = new ArrayList<>();
    document.get("paths").forEach(path -> path.forEach(operation -> successes.add(new Response(
        resolve(operation.path("responses").path("200"))))));
    return successes;
  }

  /** The documented response of an operation for a status; fails when the document has none. */
  Response response(String method, String requestPath, int status) {
    JsonNode response = operation(method, documentedPath(requestPath)).path("responses").path(Integer.toString(status));
    if (response.isMissingNode()) {
      throw new AssertionError(method + " " + requestPath + ": no documented response for " + status);
    }
    return new Response(resolve(response));
  }

  /** A shared response of {@code components.responses}, e.g. {@code NotFound}. */
  Response component(String name) {
    return new Response(document.path("components").path("responses").path(name));
  }

  private JsonNode operation(String method, String documentedPath) {
    JsonNode operation = document.path("paths").path(documentedPath).path(method.toLowerCase(Locale.ROOT));
    if (operation.isMissingNode()) {
      throw new AssertionError("not documented: " + method + " " + documentedPath);
    }
    return operation;
  }

  /** Follows a {@code $ref} within the document (one level, as the document uses them). */
  JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
  }

  private static JsonNode localRefs(JsonNode node) {
    JsonNode copy = node.deepCopy();
    copy.findParents("$ref").forEach(parent -> {
      String ref = parent.get("$ref").asText();
      if (ref.startsWith(SCHEMAS)) {
        ((ObjectNode) parent).put("$ref", "#/$defs/" + ref.substring(SCHEMAS.length()));
      }
    });
    return copy;
  }

  /** One documented response: its media type, required headers and body schema. */
  final class Response {
    private final JsonNode response;

    private Response(JsonNode response) {
      this.response = response;
    }

    String mediaType() {
      return response.path("content").fieldNames().next();
    }

    Set<String> requiredHeaders() {
      Set<String> headers = new TreeSet<>();
      response.path("headers").fields().forEachRemaining(h -> {
        if (resolve(h.getValue()).path("required").asBoolean()) {
          headers.add(h.getKey());
        }
      });
      return headers;
    }

    /** The body's violations of the schema, as readable lines; empty when it conforms. */
    List<String> violations(JsonNode body) {
      ObjectNode schema = (ObjectNode) localRefs(response.path("content").path(mediaType()).path("schema"));
      schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      schema.set("$defs", defs);
      JsonSchema validator = FACTORY.getSchema(schema, CONFIG);
      return validator.validate(body).stream().map(ValidationMessage::toString).sorted()
          .collect(Collectors.toList());
    }
  }
}
