package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every API parameter fed hostile values: out-of-range and non-numbers, unicode, NUL, very long strings, SQL and
 * path-traversal strings, repeated parameters. The answer is always a 4xx JSON error, never a 5xx, never a stack
 * trace, and never more than a short, sanitized echo of the input.
 */
@Tag("reliability")
class HostileInputTest {
  private static final String TOKEN = "hostile-token-0123456789abc";
  private static final List<String> VALUES = List.of("-1", "0", "99999999999999999999", "1.5", "1e9", "NaN",
      "Infinity", "abc", "", " ", "\u0000", "%00", "🙂🙂🙂", "ＴＲＵＥ", "x".repeat(2_000), "' OR 1=1 --",
      "1; DROP TABLE users", "../../etc/passwd", "<script>alert(1)</script>", "${jndi:ldap://x}", "\r\nX-Injected: 1");
  private static final List<String> ENDPOINTS = List.of(
      "metrics?minutes=%s", "metrics?include_system=%s", "endpoints?top_n=%s", "endpoints?minutes=%s",
      "database?minutes=%s", "database?include_slow_queries=%s", "alerts?hours=%s", "alerts?severity=%s",
      "report?hours=%s", "report?format=%s", "analyze/endpoint/api/transactions?method=%s",
      "analyze/endpoint/api/transactions?hours=%s");

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @RegisterExtension
  static final RunningService SERVICE = RunningService.withAdminToken(TOKEN);

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(SERVICE.baseUri() + "/api/v1/performance/" + pathAndQuery))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyHostileValueOfEveryParameterIsA4xxJsonError() throws Exception {
    int checked = 0;
    for (String endpoint : ENDPOINTS) {
      for (String value : VALUES) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        HttpResponse<String> response = get(String.format(endpoint, encoded));
        String what = endpoint + " with " + value.substring(0, Math.min(20, value.length()));
        if (response.statusCode() == 200 && "0".equals(value) && endpoint.contains("include_")) {
          continue; // 0 is a legitimate "false"
        }
        assertThat(response.statusCode()).as(what).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/json");
        assertThat(response.body()).as(what).startsWith("{\"error\":{\"code\":")
            .doesNotContain("Exception", "\tat ", "<script>", "\u0000", "\r\n").hasSizeLessThan(600);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(ENDPOINTS.size() * VALUES.size() - 2);
  }

  @Test
  void aRequestLineAboveJettysLimitIsRefusedWithoutEcho() throws Exception {
    // Jetty refuses request lines over 8 KB before any app code runs: the JSON error, nothing echoed.
    HttpResponse<String> response = get("metrics?minutes=" + "x".repeat(10_000));

    assertThat(response.statusCode()).isEqualTo(414);
    assertThat(response.body()).startsWith("{\"error\":{\"code\":\"uri_too_long\",").doesNotContain("xxxxxxxxxx")
        .hasSizeLessThan(600);
  }

  @Test
  void repeatedParametersAreRefused() throws Exception {
    for (String endpoint : ENDPOINTS) {
      String once = String.format(endpoint, "1");
      HttpResponse<String> response = get(once + "&" + once.substring(once.indexOf('?') + 1));

      assertThat(response.statusCode()).as(endpoint).isEqualTo(400);
      assertThat(response.body()).as(endpoint).contains("was given 2 times; give it once");
    }
  }

  @Test
  void hostilePathsAreA404JsonError() throws Exception {
    for (String path : List.of("../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "analyze/endpoint/" + "a/".repeat(
        2000), "analyze/endpoint/%00", "analyze/endpoint/%3Cscript%3E", "nothing?x=" + "y".repeat(5000))) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isBetween(400, 404);
      assertThat(response.body()).as(path).doesNotContain("Exception", "\tat ", "<script>").hasSizeLessThan(600);
    }
  }
}
