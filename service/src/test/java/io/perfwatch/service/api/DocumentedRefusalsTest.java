package io.perfwatch.service.api;

import static io.perfwatch.service.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.service.reliability.RawHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refusals the document promises on every operation, checked against the running service: an unknown parameter
 * is a 400 naming it and exactly the documented parameters, a body on analyze is a 415, and what Jetty answers on
 * its own (400, 414, 431) is the documented response of the operation the request was meant for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedRefusalsTest {
  private static final String[] AUTH = OpenApiContractTest.AUTH;
  private static final String API = PerformanceRoutes.BASE;

  private final OpenApiSpec spec = OpenApiSpec.load();
  private PerfWatchService service;
  private ApiClient client;

  @BeforeAll
  void start() {
    service = new PerfWatchService(ServiceConfig.onPort(0).withMonitoring(MonitoringSettings.defaults()
        .withAdminToken(OpenApiContractTest.TOKEN))).start();
    client = new ApiClient(service.baseUri());
  }

  @AfterAll
  void stop() {
    service.stop();
  }

  static Stream<String> operations() {
    return OpenApiSpec.load().operations().stream();
  }

  @ParameterizedTest
  @MethodSource("operations")
  void anUnknownParameterIsRefusedNamingTheDocumentedOnes(String operation) {
    String method = operation.substring(0, operation.indexOf(' '));
    String path = operation.substring(operation.indexOf(' ') + 1);
    List<String> documented = spec.inProcessQueryParameters(method, path).stream().map(p -> p.get("name").asText())
        .toList();

    String concrete = path.replaceAll("\\{[^}]+}", "x");
    HttpResponse<String> response = client.send(method, concrete + "?minuts=5", AUTH);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").get("code").asText()).isEqualTo("unknown_parameter");
    assertThat(json(response).get("error").get("message").asText()).isEqualTo("unknown parameter 'minuts'; "
        + (documented.isEmpty() ? "this endpoint takes no parameters" : "allowed: " + String.join(", ", documented)));
    assertThat(spec.response(method, concrete, 400).violations(json(response))).isEmpty();
  }

  @Test
  void everyUnknownParameterIsNamedAndCaseMatters() {
    HttpResponse<String> response = client.get(API + "/metrics?Minutes=5&minutes=5&b=&a");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/message").asText())
        .isEqualTo("unknown parameters 'Minutes', 'a', 'b'; allowed: minutes, include_system");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Content-Length: 2|{}", "Transfer-Encoding: chunked|2 {} 0  "})
  void analyzeRefusesARequestBody(String header, String body) {
    RawHttp.Answer answer = RawHttp.exchange(service.port(), "POST " + API + "/analyze HTTP/1.1\r\nHost: x\r\n"
        + AUTH[0] + ": " + AUTH[1] + "\r\nContent-Type: application/json\r\n" + header + "\r\n",
        body.replace(" ", "\r\n").getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10));

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"unsupported_media_type\",\"message\":\"POST "
        + API + "/analyze takes no request body; send the request without one\"}}");
    assertThat(spec.response("POST", API + "/analyze", 415).violations(parse(answer.body()))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/v1/performance/%zz/health|Accept: */*|400",
      "/api/v1/performance/health|X-Note: a\u0001b|400",
      "/api/v1/performance/health?x=LONG|Accept: */*|414",
      "/api/v1/performance/health|X-Big: LONG|431"})
  void jettysOwnAnswersAreTheDocumentedResponses(String target, String header, int status) {
    String head = "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + header + "\r\n";
    RawHttp.Answer answer = RawHttp.exchange(service.port(), head.replace("LONG", "y".repeat(9_000)), new byte[0],
        Duration.ofSeconds(10));

    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).hasValue("application/json");
    assertThat(spec.response("GET", API + "/health", status).violations(parse(answer.body()))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"*/*;q=0", "application/json;q=0", "image/png", "';;;'", "','"})
  void theAcceptHeaderNeverHidesAnEndpoint(String accept) {
    HttpResponse<String> health = client.get(API + "/health", "Accept", accept);
    HttpResponse<String> metrics = client.get("/metrics", "Accept", accept);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(spec.response("GET", API + "/health", 200).violations(json(health))).isEmpty();
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body()).contains("# TYPE db_connection_acquire_seconds histogram");
  }

  private static JsonNode parse(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
