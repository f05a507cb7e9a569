package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.TestClient;
import io.perfwatch.service.demo.DemoApp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/transactions}, the one route that reads a request body, over real HTTP: bodies up to the
 * documented 16 KiB are parsed, larger ones are a 413 whether they declare their length or are chunked (and are
 * refused without being read in full), anything but {@code application/json} is a 415, and every refusal is counted
 * in {@code /metrics} under its status. {@code POST /api/v1/performance/analyze} takes no body: it refuses one
 * (415) without reading it.
 */
@Tag("reliability")
class RequestBodyLimitsTest {
  private static final int LIMIT = 16_384;
  private static final String TOKEN = "body-limits-token-0123456789";
  private static final String TOO_LARGE = "{\"error\":{\"code\":\"body_too_large\",\"message\":\"request body is "
      + "larger than 16384 bytes; send at most 16384 bytes\"}}";
  private static final String NOT_JSON = "{\"error\":{\"code\":\"unsupported_media_type\",\"message\":"
      + "\"Content-Type must be application/json (charset, if given, utf-8)\"}}";
  private static final String NO_TYPE = "{\"error\":{\"code\":\"unsupported_media_type\",\"message\":"
      + "\"Content-Type is missing: send the body as application/json\"}}";
  /** Far beyond any heap: a server that tried to read or buffer it would never answer. */
  private static final long ONE_GIB = 1L << 30;
  private static final byte[] FIRST_KIB = "{\"description\": \"".concat("x".repeat(1024 - 17)).getBytes(
      StandardCharsets.UTF_8);
  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @RegisterExtension
  static final RunningService SERVICE = RunningService.withAdminToken(TOKEN);

  /** A valid new transaction of exactly {@code size} bytes: JSON whitespace pads it before the closing brace. */
  private static byte[] transaction(int size) {
    String json = "{\"user_id\": 3, \"category_id\": 1, \"amount\": 12.5, \"currency\": \"EUR\", "
        + "\"description\": \"body limit\"";
    return (json + " ".repeat(size - json.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> post(byte[] body, boolean chunked, @Nullable String contentType)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(SERVICE.baseUri().resolve("/api/transactions"))
        .timeout(Duration.ofSeconds(30))
        .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static RawHttp.Answer rawPost(String path, String headers, byte[] body) {
    return RawHttp.exchange(SERVICE.port(), "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers, body,
        PROMPTLY);
  }

  @Test
  void theLimitIsTheDocumented16KiB() {
    assertThat(DemoApp.MAX_BODY_BYTES).isEqualTo(LIMIT);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBodyOfExactlyTheLimitIsAccepted(boolean chunked) throws Exception {
    HttpResponse<String> response = post(transaction(LIMIT), chunked, "application/json");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(new ObjectMapper().readTree(response.body()).get("description").asText()).isEqualTo("body limit");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBodyOneByteOverTheLimitIs413(boolean chunked) throws Exception {
    HttpResponse<String> response = post(transaction(LIMIT + 1), chunked, "application/json");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo(TOO_LARGE);
  }

  /** Jetty hands a request with a body to the app once the first bytes of it arrive: 1 KiB of the GiB is sent. */
  @Test
  void aDeclaredLengthOverTheLimitIsRefusedWithoutWaitingForTheBody() {
    RawHttp.Answer answer = rawPost("/api/transactions", "Content-Type: application/json\r\nContent-Length: "
        + ONE_GIB + "\r\n", FIRST_KIB);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).isEqualTo(TOO_LARGE);
  }

  /**
   * Spark's request wrapper buffers a whole body unless its Transfer-Encoding header is exactly "chunked": on "gzip,
   * chunked" it would wait for the end of a body that never ends.
   */
  @ParameterizedTest
  @ValueSource(strings = {"chunked", "Chunked", "CHUNKED", "gzip, chunked", "identity, chunked"})
  void aChunkedBodyThatNeverEndsIsRefusedOnceItPassesTheLimit(String encoding) {
    byte[] overLimit = new byte[LIMIT + 1];
    Arrays.fill(overLimit, (byte) ' ');

    RawHttp.Answer answer = rawPost("/api/transactions", "Content-Type: application/json\r\nTransfer-Encoding: "
        + encoding + "\r\n", RawHttp.chunk(overLimit)); // no last chunk: the body has not ended

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).isEqualTo(TOO_LARGE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "text/plain", "text/json", "application/x-www-form-urlencoded", "application/jsonp",
      "application/json-patch+json", "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1",
      "application/json;charset=utf-16", "application/json; charset=", "json"})
  void aBodyThatIsNotDeclaredJsonIs415(String contentType) throws Exception {
    HttpResponse<String> response = post(transaction(200), false, contentType);

    assertThat(response.statusCode()).as(contentType).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).as(contentType).isEqualTo(NOT_JSON);
  }

  @Test
  void aBodyWithoutContentTypeIs415() throws Exception {
    HttpResponse<String> response = post(transaction(200), false, null);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).isEqualTo(NO_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
      "Application/Json;Charset=\"UTF-8\"", "application/json ; charset=UTF-8"})
  void jsonInAnyLetterCaseWithAUtf8CharsetIsAccepted(String contentType) throws Exception {
    assertThat(post(transaction(200), false, contentType).statusCode()).as(contentType).isEqualTo(201);
  }

  @Test
  void everyRefusalIsCountedInMetricsWithItsStatus() throws Exception {
    long tooLargeBefore = count("413");
    long notJsonBefore = count("415");

    post(transaction(LIMIT + 1), false, "application/json");
    post(transaction(LIMIT + 1), true, "application/json");
    rawPost("/api/transactions", "Content-Type: application/json\r\nContent-Length: " + ONE_GIB + "\r\n",
        FIRST_KIB);
    post(transaction(200), false, "text/plain");
    post(transaction(200), false, null);

    // perfwatch records a request once the server has finished it, a moment after the client has the answer
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(count("413")).isEqualTo(tooLargeBefore + 3);
      assertThat(count("415")).isEqualTo(notJsonBefore + 2);
    });
  }

  @Test
  void analyzeRefusesABodyWithoutWaitingForIt() {
    RawHttp.Answer answer = rawPost("/api/v1/performance/analyze", "Authorization: Bearer " + TOKEN
        + "\r\nContent-Type: application/json\r\nContent-Length: " + ONE_GIB + "\r\n", FIRST_KIB);

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"unsupported_media_type\",\"message\":\"POST "
        + "/api/v1/performance/analyze takes no request body; send the request without one\"}}");
  }

  /** {@code http_server_requests_seconds_count} of {@code POST /api/transactions} with {@code status}. */
  private static long count(String status) {
    String series = "http_server_requests_seconds_count{exception=\"DemoException\",method=\"POST\","
        + "outcome=\"CLIENT_ERROR\",status=\"" + status + "\",uri=\"/api/transactions\"} ";
    return new TestClient(SERVICE.baseUri()).get("/metrics").body().lines().filter(l -> l.startsWith(series))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(series.length()))).sum();
  }
}
