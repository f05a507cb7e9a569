package io.perfwatch.service.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import spark.Request;
import spark.Response;

/** Serves the API's OpenAPI document ({@code openapi.yaml} on the classpath), read once at start-up. */
final class OpenApiDocument implements PerformanceRoutes.Endpoint {
  static final String RESOURCE = "/openapi.yaml";

  private final String yaml;

  private OpenApiDocument(String yaml) {
    this.yaml = yaml;
  }

  static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath; rebuild the service jar");
      }
      return new OpenApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE + " from the classpath", e);
    }
  }

  @Override
  public Object handle(QueryParams params, Request request, Response response) {
    response.type("application/yaml");
    return yaml;
  }
}
