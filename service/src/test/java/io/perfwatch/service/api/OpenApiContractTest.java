package io.perfwatch.service.api;

import static io.perfwatch.service.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.config.Thresholds;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spark.route.HttpMethod;

/**
 * Real responses of every endpoint, validated against {@code openapi.yaml}: the body against the documented
 * schema, the content type and the required headers. One service, filled with demo traffic, serves every call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
  static final String TOKEN = "test-token-0123456789abcdef";
  static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};
  private static final String API = PerformanceRoutes.BASE;

  private final OpenApiSpec spec = OpenApiSpec.load();
  private PerfWatchService service;
  private ApiClient client;

  /** A 1 ms query threshold, so the demo's statements count as slow and every report section has entries. */
  static PerfWatchService startService(MonitoringSettings monitoring) {
    PerfWatchConfig config = PerfWatchConfig.builder().thresholds(Thresholds.defaults().withMaxQueryTimeMs(1))
        .build();
    return new PerfWatchService(new ServiceConfig(0, Optional.empty(), false, config, monitoring)).start();
  }

  @BeforeAll
  void startWithTraffic() {
    service = startService(MonitoringSettings.defaults().withAdminToken(TOKEN));
    client = new ApiClient(service.baseUri());
    long before = service.perfWatch().stats().live().requestsTotal();
    Stream.of("/api/transactions/1", "/api/transactions/2", "/api/users/1/summary", "/api/reports/monthly",
        "/demo/status/500", "/demo/status/404", "/demo/sleep?ms=50").forEach(client::get);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> service.perfWatch().stats().live().requestsTotal() >= before + 7);
    assertThat(client.send("POST", API + "/analyze", AUTH).statusCode()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    service.stop();
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("io.perfwatch.service.api.ContractCases#calls")
  void responseMatchesTheDocument(String method, String url, String[] headers, int status) {
    HttpResponse<String> response = client.send(method, url, headers);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertConforms(response, spec.response(method, response.uri().getPath(), status));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("io.perfwatch.service.api.ContractCases#parameterValues")
  void parametersAreValidatedAsDocumented(String url, int status) {
    HttpResponse<String> response = client.get(url, AUTH);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertConforms(response, spec.response("GET", response.uri().getPath(), status));
  }

  @Test
  void reportSectionsUnderValidationAreFilled() {
    JsonNode detailed = json(client.get(API + "/report?format=detailed", AUTH));

    assertThat(detailed.at("/request_analysis/endpoints")).hasSize(5);
    assertThat(detailed.at("/database_analysis/slow_queries")).isNotEmpty();
    assertThat(detailed.at("/database_analysis/n_plus_one")).hasSize(1);
    assertThat(detailed.at("/bottleneck_analysis/items")).isNotEmpty();
    assertThat(detailed.at("/recommendations")).isNotEmpty();
    assertThat(detailed.at("/system_analysis/samples").asInt()).isPositive();
  }

  @Test
  void unknownPathsAnswerTheDocumentedNotFound() {
    HttpResponse<String> response = client.get(API + "/nothing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertConforms(response, spec.component("NotFound"));
  }

  @Test
  void tooManyFailedAttemptsAnswerTheDocumented429() {
    PerfWatchService own = startService(MonitoringSettings.defaults().withAdminToken(TOKEN));
    try {
      ApiClient ownClient = new ApiClient(own.baseUri());
      for (int i = 0; i < AdminAuth.MAX_FAILURES; i++) {
        ownClient.get(API + "/alerts", "Authorization", "Bearer guess-" + i);
      }

      HttpResponse<String> limited = ownClient.get(API + "/alerts", AUTH);

      assertThat(limited.statusCode()).isEqualTo(429);
      assertConforms(limited, spec.response("GET", API + "/alerts", 429));
    } finally {
      own.stop();
    }
  }

  @Test
  void documentListsExactlyTheRegisteredRoutes() {
    Stream<String> registered = service.service().routes().stream()
        .filter(r -> r.getMatchUri().startsWith(API) || r.getMatchUri().equals(ServiceIndex.PATH))
        .filter(r -> r.getHttpMethod() != HttpMethod.before && r.getHttpMethod() != HttpMethod.after
            && r.getHttpMethod() != HttpMethod.afterafter)
        .map(r -> r.getHttpMethod().name().toUpperCase(Locale.ROOT) + " " + r.getMatchUri());

    assertThat(registered.map(OpenApiContractTest::template))
        .containsExactlyInAnyOrderElementsOf(spec.operations().stream().map(OpenApiContractTest::template).toList());
  }

  @Test
  void validationRejectsAnUndocumentedFieldAndAWrongType() {
    OpenApiSpec.Response health = spec.response("GET", API + "/health", 200);
    ObjectNode body = (ObjectNode) json(client.get(API + "/health"));
    body.put("uptime", 1).put("performance_score", "high");

    assertThat(health.violations(body)).hasSize(2).anySatisfy(v -> assertThat(v).contains("uptime"))
        .anySatisfy(v -> assertThat(v).contains("performance_score"));
  }

  @Test
  void everyReferenceResolvesWithinTheDocument() {
    assertThat(spec.document().findValuesAsText("$ref"))
        .isNotEmpty()
        .allSatisfy(ref -> assertThat(spec.document().at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
  }

  @Test
  void servedDocumentEqualsTheResource() throws IOException {
    HttpResponse<String> served = client.get(API + "/openapi.yaml");
    String resource;
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      resource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(served.body()).isEqualTo(resource);
  }

  private void assertConforms(HttpResponse<String> response, OpenApiSpec.Response documented) {
    assertThat(response.headers().firstValue("Content-Type")).hasValue(documented.mediaType());
    assertThat(documented.requiredHeaders()).allSatisfy(
        header -> assertThat(response.headers().firstValue(header)).as(header).isPresent());
    assertThat(documented.violations(json(response))).as(response.body()).isEmpty();
  }

  /** A route in one notation: Spark's {@code :name} and {@code *}, OpenAPI's {@code {name}} all become {@code {}}. */
  private static String template(String route) {
    return route.replaceAll("\\{[^}]+}|:[^/]+|\\*", "{}");
  }
}
