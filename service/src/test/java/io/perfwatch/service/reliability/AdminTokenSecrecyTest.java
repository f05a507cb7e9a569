package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.Main;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service started as {@code java ... Main} with {@code PERFORMANCE_ADMIN_TOKEN} set is called with the right
 * token, with wrong ones (sharing its prefix, one character longer or different, in another letter case), and with
 * the token where it does not belong (query strings, {@code X-Api-Key}, {@code Cookie}, {@code Proxy-Authorization},
 * other {@code Authorization} schemes, a malformed or oversized request, a rules file edit that references it).
 * Neither the token nor a wrong one ever appears in a response (body or header, errors and 429s included), in the
 * admin JSON, in {@code /metrics}, or in anything the process writes to stdout or stderr.
 */
@Tag("reliability")
class AdminTokenSecrecyTest {
  private static final String TOKEN = "pw-admin-Qm7Rt2Xv9Kc4Ln8Zb6Hd";
  private static final String BASE64_BASIC = Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes(
      StandardCharsets.UTF_8));
  private static final List<String> WRONG = List.of(
      TOKEN.substring(0, TOKEN.length() - 1),        // its prefix
      TOKEN + "x",                                   // one character longer
      TOKEN.substring(0, TOKEN.length() - 1) + "e",  // the last character differs
      TOKEN.toLowerCase(Locale.ROOT),                // another letter case
      "pw-admin-0000000000000000000");               // same shape, nothing in common
  private static final List<String> ADMIN_GETS = List.of("/api/v1/performance/endpoints",
      "/api/v1/performance/database", "/api/v1/performance/alerts", "/api/v1/performance/report?format=summary",
      "/api/v1/performance/report?format=detailed", "/api/v1/performance/analyze/endpoint/api/transactions/:id");
  private static final String INVALID = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"invalid bearer token\"}}";
  private static final String MISSING = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"missing bearer token: "
      + "send Authorization: Bearer <admin token>\"}}";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> seen = new ArrayList<>(); // every response: status line, headers, body
  private URI base;

  @TempDir
  Path workDir;

  @Test
  void theAdminTokenAndWrongTokensNeverLeaveTheClient() throws Exception {
    Path rules = workDir.resolve("rules.yml");
    Files.copy(Path.of("../rules/perfwatch-rules.yml"), rules);
    ServiceProcess service = new ServiceProcess(Main.class, Map.of("PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN, "PERFORMANCE_RULES_FILE", rules.toString()), workDir);
    List<String> adminJson = new ArrayList<>();
    String metrics;
    try {
      base = service.baseUri();
      // 1. the token where it does not belong, on routes without authentication (an unknown parameter is a 400
      // that names the parameter, never its value)
      assertThat(send("GET", "/api/transactions/1?access_token=" + TOKEN).statusCode()).isEqualTo(400);
      assertThat(send("GET", "/api/transactions?limit=1&token=" + TOKEN, "X-Api-Key", TOKEN, "Cookie",
          "session=" + TOKEN).statusCode()).isEqualTo(400);
      assertThat(send("GET", "/api/transactions?limit=1", "X-Api-Key", TOKEN, "Cookie", "session=" + TOKEN)
          .statusCode()).isEqualTo(200);
      assertThat(send("GET", "/api/transactions/999999", "Authorization", "Bearer " + TOKEN).statusCode())
          .isEqualTo(404);
      assertThat(send("GET", "/api/v1/performance/health?api_key=" + TOKEN, "X-Admin-Token", TOKEN).statusCode())
          .isEqualTo(400);
      assertThat(send("GET", "/api/v1/performance/metrics?token=" + TOKEN).statusCode()).isEqualTo(400);
      assertThat(send("GET", "/api/v1/performance/nothing?token=" + TOKEN, "Authorization", "Bearer " + TOKEN)
          .statusCode()).isEqualTo(404);
      assertThat(send("GET", "/metrics?token=" + TOKEN, "Authorization", "Bearer " + TOKEN).statusCode())
          .isEqualTo(200);

      // 2. the right token, in the header (and in the query string as well: refused), once the demo calls are recorded
      await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", ADMIN_GETS.get(ADMIN_GETS.size() - 1),
          "Authorization", "Bearer " + TOKEN).statusCode() == 200);
      for (String path : ADMIN_GETS) {
        assertThat(send("GET", path, "Authorization", "Bearer " + TOKEN).statusCode()).as(path).isEqualTo(200);
      }
      assertThat(send("POST", "/api/v1/performance/analyze", "Authorization", "bearer " + TOKEN).statusCode())
          .isEqualTo(200);
      assertThat(send("GET", "/api/v1/performance/alerts?token=" + TOKEN, "Authorization", "Bearer " + TOKEN)
          .statusCode()).isEqualTo(400);

      // 2b. a rules file edit that asks for the token as a threshold is rejected without showing it
      Files.writeString(rules, """
          groups:
            - name: sneaky
              interval: 30s
              rules:
                - name: echo-the-token
                  detector: latency
                  metric: avg
                  threshold: ${PERFORMANCE_ADMIN_TOKEN}
                  window: 5m
                  severity: low
          """);
      await().atMost(Duration.ofSeconds(20)).until(() -> !json(send("POST", "/api/v1/performance/analyze",
          "Authorization", "Bearer " + TOKEN).body()).get("rules_reload_error").isNull());

      // 3. nine failed attempts: one short of the rate limit
      for (String wrong : WRONG) {
        assertThat(send("GET", "/api/v1/performance/alerts", "Authorization", "Bearer " + wrong).body()).as(wrong)
            .isEqualTo(INVALID);
      }
      assertThat(send("GET", "/api/v1/performance/alerts?access_token=" + TOKEN).body()).isEqualTo(MISSING);
      assertThat(send("GET", "/api/v1/performance/alerts", "X-Api-Key", TOKEN).body()).isEqualTo(MISSING);
      assertThat(send("GET", "/api/v1/performance/alerts", "Authorization", "Token " + TOKEN).body())
          .isEqualTo(MISSING);
      assertThat(send("GET", "/api/v1/performance/alerts", "Authorization", "Basic " + BASE64_BASIC).body())
          .isEqualTo(MISSING);

      // 4. the admin JSON after all of that
      for (String path : ADMIN_GETS) {
        HttpResponse<String> response = send("GET", path, "Authorization", "Bearer " + TOKEN);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        adminJson.add(response.body());
      }
      HttpResponse<String> analyze = send("POST", "/api/v1/performance/analyze", "Authorization", "Bearer " + TOKEN);
      assertThat(analyze.statusCode()).isEqualTo(200);
      assertThat(json(analyze.body()).get("rules_reload_error").asText()).contains(
          "'threshold' uses ${PERFORMANCE_ADMIN_TOKEN}, but environment variable PERFORMANCE_ADMIN_TOKEN is not set");
      adminJson.add(analyze.body());

      // 5. the tenth failure, then the rate limit refuses further failures, never the right token
      assertThat(send("GET", "/api/v1/performance/report", "Proxy-Authorization", "Bearer " + TOKEN).statusCode())
          .isEqualTo(401);
      HttpResponse<String> limited = send("GET", "/api/v1/performance/report", "Authorization",
          "Bearer " + WRONG.get(1));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(json(limited.body()).at("/error/code").asText()).isEqualTo("too_many_attempts");
      HttpResponse<String> admitted = send("GET", "/api/v1/performance/report", "Authorization", "Bearer " + TOKEN);
      assertThat(admitted.statusCode()).isEqualTo(200);

      // 6. requests Jetty refuses before any perfwatch code runs: a malformed header, oversized headers
      RawHttp.Answer malformed = raw("GET /api/transactions/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
          + "\r\nX-Bad Header: 1\r\n");
      assertThat(malformed.status()).isEqualTo(400);
      RawHttp.Answer oversized = raw("GET /api/transactions/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
          + "\r\nX-Api-Key: " + (TOKEN + ",").repeat(400) + "\r\n");
      assertThat(oversized.status()).isEqualTo(431);

      HttpResponse<String> scrape = send("GET", "/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      metrics = scrape.body();
    } finally {
      service.close();
    }

    String log = service.output();
    assertThat(log).as("the capture holds the whole run").contains("perfwatch serving on ", "perfwatch stopped");
    assertThat(metrics).as("the misplaced-token requests were recorded").containsPattern(
        "http_server_requests_seconds_count\\{exception=\"[A-Za-z]+\",method=\"GET\",outcome=\"CLIENT_ERROR\","
            + "status=\"400\",uri=\"/api/transactions/:id\"} 1");
    assertThat(adminJson).hasSize(7);
    for (String secret : secrets()) {
      assertThat(seen).as("responses").noneMatch(r -> r.contains(secret));
      assertThat(adminJson).as("admin JSON").noneMatch(r -> r.contains(secret));
      assertThat(metrics).as("/metrics").doesNotContain(secret);
      assertThat(log).as("stdout and stderr").doesNotContain(secret);
    }
  }

  private static List<String> secrets() {
    List<String> secrets = new ArrayList<>(WRONG);
    secrets.add(TOKEN);
    secrets.add(BASE64_BASIC);
    return secrets;
  }

  private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    seen.add(response.statusCode() + " " + response.headers().map() + "\n" + response.body());
    return response;
  }

  private RawHttp.Answer raw(String head) {
    RawHttp.Answer answer = RawHttp.exchange(base.getPort(), head, new byte[0], Duration.ofSeconds(10));
    seen.add(answer.text());
    return answer;
  }

  private static JsonNode json(String body) throws Exception {
    return new ObjectMapper().readTree(body);
  }
}
