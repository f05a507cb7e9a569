package io.perfwatch.service.api;

import static io.perfwatch.service.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Admin authentication and parameter validation, with the exact JSON errors. */
class ApiRefusalsTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};

  private PerfWatchService service;
  private ApiClient client;

  private void start(MonitoringSettings settings) {
    service = new PerfWatchService(ServiceConfig.onPort(0).withMonitoring(settings)).start();
    client = new ApiClient(service.baseUri());
  }

  @AfterEach
  void stop() {
    service.stop();
  }

  private static String error(HttpResponse<String> response) {
    return json(response).get("error").get("code").asText() + ": " + json(response).get("error").get("message")
        .asText();
  }

  @Test
  void adminEndpointsAreClosedWithoutAConfiguredToken() {
    start(MonitoringSettings.defaults());

    HttpResponse<String> response = client.get("/api/v1/performance/endpoints", AUTH);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"perfwatch\"");
    assertThat(error(response)).isEqualTo(
        "admin_disabled: admin endpoints are closed: set PERFORMANCE_ADMIN_TOKEN on the server to enable them");
    assertThat(client.get("/api/v1/performance/health").statusCode()).isEqualTo(200);
  }

  @Test
  void missingWrongAndRightTokens() {
    start(MonitoringSettings.defaults().withAdminToken(TOKEN));

    HttpResponse<String> missing = client.get("/api/v1/performance/alerts");
    HttpResponse<String> wrong = client.get("/api/v1/performance/alerts", "Authorization", "Bearer nope");
    HttpResponse<String> right = client.get("/api/v1/performance/alerts", AUTH);

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(error(missing)).isEqualTo(
        "unauthorized: missing bearer token: send Authorization: Bearer <admin token>");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(error(wrong)).isEqualTo("unauthorized: invalid bearer token");
    assertThat(wrong.body()).doesNotContain(TOKEN).doesNotContain("nope");
    assertThat(right.statusCode()).isEqualTo(200);
  }

  @Test
  void repeatedFailuresAreRateLimited() {
    start(MonitoringSettings.defaults().withAdminToken(TOKEN));
    for (int i = 0; i < AdminAuth.MAX_FAILURES; i++) {
      assertThat(client.get("/api/v1/performance/report", "Authorization", "Bearer guess-" + i).statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> limited = client.get("/api/v1/performance/report", "Authorization", "Bearer guess-again");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
        v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
    assertThat(client.get("/api/v1/performance/report", AUTH).statusCode()).as("the right token, always")
        .isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "/api/v1/performance/metrics?minutes=0|'minutes' must be a whole number from 1 to 1440, was '0'",
      "/api/v1/performance/metrics?minutes=abc|'minutes' must be a whole number from 1 to 1440, was 'abc'",
      "/api/v1/performance/metrics?minutes=1441|'minutes' must be a whole number from 1 to 1440, was '1441'",
      "/api/v1/performance/metrics?minutes=5%00|'minutes' must be a whole number from 1 to 1440, was '5?'",
      "/api/v1/performance/metrics?include_system=maybe|'include_system' must be true or false, was 'maybe'",
      "/api/v1/performance/endpoints?top_n=1001|'top_n' must be a whole number from 1 to 1000, was '1001'",
      "/api/v1/performance/endpoints?top_n=-1|'top_n' must be a whole number from 1 to 1000, was '-1'",
      "/api/v1/performance/database?minutes=1e3|'minutes' must be a whole number from 1 to 1440, was '1e3'",
      "/api/v1/performance/database?minutes=%D9%A5|'minutes' must be a whole number from 1 to 1440, was '\u0665'",
      "/api/v1/performance/alerts?hours=25|'hours' must be a whole number from 1 to 24, was '25'",
      "/api/v1/performance/alerts?severity=urgent|'severity' must be one of [low, medium, high, critical], was 'urgent'",
      "/api/v1/performance/alerts?hours=1&hours=2|'hours' was given 2 times; give it once",
      "/api/v1/performance/report?format=pdf|'format' must be one of [summary, detailed], was 'pdf'",
      "/api/v1/performance/report?hours=0|'hours' must be a whole number from 1 to 24, was '0'",
      "/api/v1/performance/analyze/endpoint/api/x?method=BREW|'method' must be one of [get, post, put, delete, "
          + "patch, head, options, trace, connect], was 'BREW'"})
  void badParametersAre400WithTheProblem(String path, String message) {
    start(MonitoringSettings.defaults().withAdminToken(TOKEN));

    HttpResponse<String> response = client.get(path, AUTH);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(error(response)).isEqualTo("invalid_parameter: " + message);
  }

  @Test
  void unknownPathsAre404Json() {
    start(MonitoringSettings.defaults());

    HttpResponse<String> response = client.get("/api/v1/performance/nothing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(error(response)).isEqualTo("not_found: no such endpoint: GET '/api/v1/performance/nothing'");
  }
}
