package io.perfwatch.service.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /}: where things are, for someone who opened the service's address in a browser or with curl. */
final class ServiceIndex {
  static final String PATH = "/";

  private ServiceIndex() {}

  /** {@code {"service": "perfwatch", "links": [{"path", "auth", "description"}, ...]}}, in reading order. */
  static Map<String, Object> body() {
    String api = PerformanceRoutes.BASE;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", "perfwatch");
    body.put("links", List.of(
        link(api + "/openapi.yaml", "none", "The JSON API's OpenAPI document: every endpoint and parameter"),
        link(api + "/health", "none", "Health status, host figures and the performance score"),
        link(api + "/metrics", "none", "Request, database and host figures of a recent window"),
        link(api + "/report", "admin", "Summary or detailed report over hours, with recommendations"),
        link(api + "/alerts", "admin", "Active and recent alerts of the rules"),
        link("/metrics", "none", "Prometheus exposition of every metric")));
    return body;
  }

  private static Map<String, String> link(String path, String auth, String description) {
    Map<String, String> link = new LinkedHashMap<>();
    link.put("path", path);
    link.put("auth", auth);
    link.put("description", description);
    return link;
  }
}
