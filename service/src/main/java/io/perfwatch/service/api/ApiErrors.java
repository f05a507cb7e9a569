package io.perfwatch.service.api;

import io.perfwatch.rules.source.SourceUnavailableException;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Service;

/**
 * Errors as JSON, for every route of the service: refused requests with their 4xx, Jetty's verdict on a malformed
 * request that a route reads (its {@code BadMessageException}) with Jetty's 4xx and nothing logged, unknown paths
 * as 404, and internal failures as 500 with an id that is also in the log (the log has the stack trace; the
 * response never does). Also the optional CORS headers.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  static void register(Service http, List<String> corsOrigins) {
    http.exception(ApiException.class, (e, req, res) -> {
      res.status(e.status());
      res.type("application/json");
      res.body(Json.write(ErrorResponse.of(e.code(), e.getMessage(), e.details())));
    });
    http.exception(BadMessageException.class, (e, req, res) -> {
      int status = e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400;
      res.status(status);
      res.type("application/json");
      res.body(Json.write(HttpErrors.of(status, e.getReason(), HttpErrors.DEFAULT_HEADER_LIMIT)));
    });
    http.exception(SourceUnavailableException.class, (e, req, res) -> { // logged once per outage by the source
      res.status(503);
      res.type("application/json");
      res.body(Json.write(ErrorResponse.of("source_unavailable", e.getMessage())));
    });
    http.exception(Exception.class, (e, req, res) -> {
      String id = UUID.randomUUID().toString();
      LOG.error("internal error {} on {} {}", id, req.requestMethod(), req.matchedPath(), e);
      res.status(500);
      res.type("application/json");
      res.body(Json.write(HttpErrors.internal("internal_error", id)));
    });
    http.notFound((req, res) -> {
      res.type("application/json");
      return Json.write(ErrorResponse.of("not_found", "no such endpoint: " + req.requestMethod() + " "
          + ClientText.quote(req.pathInfo())));
    });
    if (!corsOrigins.isEmpty()) {
      http.before(PerformanceRoutes.BASE + "/*", (req, res) -> {
        String origin = req.headers("Origin");
        if (origin != null && (corsOrigins.contains("*") || corsOrigins.contains(origin))) {
          res.header("Access-Control-Allow-Origin", corsOrigins.contains("*") ? "*" : origin);
          res.header("Vary", "Origin");
          res.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
          res.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        }
      });
      http.options(PerformanceRoutes.BASE + "/*", (req, res) -> {
        res.status(204);
        return "";
      });
    }
  }
}
