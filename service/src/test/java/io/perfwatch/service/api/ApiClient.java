package io.perfwatch.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.testkit.LoopbackClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;

/** Calls the running service over loopback and reads JSON. */
final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final LoopbackClient client;

  ApiClient(URI base) {
    this.client = new LoopbackClient(base);
  }

  HttpResponse<String> send(String method, String path, String... headers) {
    return client.send(method, path, headers);
  }

  HttpResponse<String> get(String path, String... headers) {
    return client.get(path, headers);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
