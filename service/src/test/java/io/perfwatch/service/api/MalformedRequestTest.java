package io.perfwatch.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.service.reliability.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the client got wrong in the request itself, before any parameter has a meaning: malformed percent-encoding,
 * control characters, a request line or headers over Jetty's limit. Each is the JSON error shape with its status,
 * whether Jetty or a route notices it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTest {
  private static final String[] AUTH = OpenApiContractTest.AUTH;
  private static final String API = PerformanceRoutes.BASE;
  private static final String NOT_A_BYTE = "{\"error\":{\"code\":\"bad_request\",\"message\":\"malformed query "
      + "string: '%zz' is not a percent-encoded byte (% and two hex digits)\"}}";

  private PerfWatchService service;

  @BeforeAll
  void start() {
    service = new PerfWatchService(ServiceConfig.onPort(0).withMonitoring(MonitoringSettings.defaults()
        .withAdminToken(OpenApiContractTest.TOKEN))).start();
  }

  @AfterAll
  void stop() {
    service.stop();
  }

  /** Every documented query parameter of the API, and the demo's, as {@code path?name=}. */
  static Stream<String> everyParameter() {
    OpenApiSpec spec = OpenApiSpec.load();
    List<String> urls = new ArrayList<>(List.of("/api/transactions?user_id=", "/api/transactions?limit=",
        "/demo/sleep?ms="));
    spec.operations().forEach(operation -> {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1);
      spec.parameters(method, path).stream().filter(p -> p.path("in").asText().equals("query")).forEach(p ->
          urls.add(path.replace("{path}", "api/transactions/:id") + "?" + p.get("name").asText() + "="));
    });
    return urls.stream();
  }

  @ParameterizedTest
  @MethodSource("everyParameter")
  void malformedPercentEncodingInAnyParameterIs400(String url) {
    RawHttp.Answer answer = raw("GET " + url + "%zz HTTP/1.1\r\nHost: x\r\n" + AUTH[0] + ": " + AUTH[1] + "\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).hasValue("application/json");
    assertThat(answer.body()).isEqualTo(NOT_A_BYTE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "minutes=%|'%' is not a percent-encoded byte (% and two hex digits)",
      "minutes=%4|'%4' is not a percent-encoded byte (% and two hex digits)",
      "%zz=5|'%zz' is not a percent-encoded byte (% and two hex digits)",
      "minutes=5&%zz|'%zz' is not a percent-encoded byte (% and two hex digits)",
      "minutes=%u0035|'%u0' is not a percent-encoded byte (% and two hex digits)",
      "minutes=%C0%80|the percent-encoded bytes are not UTF-8",
      "minutes=%E2%82|the percent-encoded bytes are not UTF-8"})
  void everyMalformedQueryIsRefusedAsAWhole(String query, String problem) {
    RawHttp.Answer answer = raw("GET " + API + "/metrics?" + query + " HTTP/1.1\r\nHost: x\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"bad_request\",\"message\":\"malformed query "
        + "string: " + problem + "\"}}");
  }

  @Test
  void malformedPercentEncodingInThePathIsJettys400AsJson() {
    RawHttp.Answer answer = raw("GET " + API + "/%zz HTTP/1.1\r\nHost: x\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).hasValue("application/json");
    assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"bad_request\",\"message\":\"bad request\"}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0001", "\u001f", "\u007f"})
  void aControlCharacterInAHeaderIs400AsJson(String control) {
    RawHttp.Answer answer = raw("GET " + API + "/health HTTP/1.1\r\nHost: x\r\nX-Note: a" + control + "b\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).hasValue("application/json");
    assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"bad_request\",\"message\":\"bad request: Illegal "
        + "character CNTL=0x" + Integer.toHexString(control.charAt(0)) + "\"}}");
  }

  @Test
  void aControlCharacterInTheRequestLineIs400AsJson() {
    RawHttp.Answer answer = raw("GET " + API + "/hea\u0001lth HTTP/1.1\r\nHost: x\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"bad_request\",\"message\":\"bad request: Illegal "
        + "character CNTL=0x1\"}}");
  }

  @Test
  void aNineKilobyteUrlIs414AsJson() {
    RawHttp.Answer answer = raw("GET " + API + "/metrics?minutes=" + "5".repeat(9 * 1024) + " HTTP/1.1\r\n"
        + "Host: x\r\n");

    assertThat(answer.status()).isEqualTo(414);
    assertThat(answer.header("Content-Type")).hasValue("application/json");
    assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"uri_too_long\",\"message\":\"the request line "
        + "(method, URL and version) is longer than 8192 bytes; shorten the URL\"}}");
  }

  @Test
  void aTwentyKilobyteHeaderIs431AsJson() {
    RawHttp.Answer answer = raw("GET " + API + "/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20 * 1024)
        + "\r\n");

    assertThat(answer.status()).isEqualTo(431);
    assertThat(answer.header("Content-Type")).hasValue("application/json");
    assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"headers_too_large\",\"message\":\"the request's "
        + "headers are larger than 8192 bytes in total; send fewer or shorter headers\"}}");
  }

  @Test
  void jettysAnswersAreJsonWhateverTheClientAccepts() {
    RawHttp.Answer answer = raw("GET " + API + "/%zz HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).hasValue("application/json");
  }

  @Test
  void aFailureThatEscapesSparkIsA500WithAnErrorId() {
    service.service().get("/escapes", (req, res) -> {
      throw new AssertionError("not an Exception: Spark's handlers do not see it");
    });

    RawHttp.Answer answer = raw("GET /escapes HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n");

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(answer.body()).matches("\\{\"error\":\\{\"code\":\"internal_error\",\"message\":\"the server failed "
        + "to answer this request; quote error id ([0-9a-f-]{36}) to its operators\",\"error_id\":\"\\1\"}}");
  }

  private RawHttp.Answer raw(String head) {
    return RawHttp.exchange(service.port(), head, new byte[0], Duration.ofSeconds(10));
  }
}
