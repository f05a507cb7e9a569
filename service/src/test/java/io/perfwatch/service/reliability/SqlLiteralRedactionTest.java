package io.perfwatch.service.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.rules.alert.ScopeLabels;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rules with their thresholds lowered through environment variables (every statement is a slow query,
 * three repeats are an N+1, every request is a very slow one), over an app route that writes emails, card numbers and
 * tokens into its SQL as literals ({@link SqlLiteralProbe}). The slow-query and N+1 alerts fire for exactly the
 * expected normalized statements, and no literal value appears in the JSON API, {@code /metrics}, the process's
 * output (alert and slow-request log lines included) or any file it writes.
 */
@Tag("reliability")
class SqlLiteralRedactionTest {
  private static final String TOKEN = "literal-probe-admin-token-0123";
  /** Per request: an email, a card number, an API token. */
  private static final List<List<String>> SECRETS = List.of(
      List.of("alice.liddell@wonderland.example", "4929123456781234", "tok_live_7Hq2ZxP9mVbN3kLw"),
      List.of("bob.tables@droptables.example", "5500005555555559", "sk_test_51HxQpZ2eZvKYlo2C9"),
      List.of("carol.danvers@hala.example", "378282246310005", "ghp_R2d2C3poBb8Ewok4Yoda1"),
      List.of("dave.bowman@discovery.example", "6011000990139424", "xoxb-2001-Hal9000-OpenPod"),
      List.of("erin.hacker@phreak.example", "3530111333300000", "AKIAIOSFODNN7EXAMPLEKEY"));
  private static final Set<String> EXPECTED_SLOW_QUERIES = Set.of(
      "INSERT INTO accounts (email, card_number, api_token) VALUES (?, ?, ?)",
      "SELECT id FROM accounts WHERE email = ?",
      "SELECT id FROM accounts WHERE card_number = ?",
      "SELECT id FROM accounts WHERE api_token = ? AND email LIKE ?",
      "SELECT id FROM accounts WHERE email IN (?)",
      "UPDATE accounts SET api_token = ? WHERE card_number = ?",
      "SELECT missing_column FROM accounts WHERE api_token = ?",
      "SELECT id FROM accounts WHERE email = ? AND api_token = ?");

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path workDir;

  @Test
  void literalsNeverReachAlertsReportsMetricsLogsOrFiles() throws Exception {
    ServiceProcess service = new ServiceProcess(SqlLiteralProbe.class, Map.of(
        "PERFORMANCE_HTTP_PORT", "0",
        "PERFORMANCE_ADMIN_TOKEN", TOKEN,
        "PERFORMANCE_MAX_QUERY_TIME_MS", "0.001",
        "PERFORMANCE_N_PLUS_ONE_MIN_REPEATS", Integer.toString(SqlLiteralProbe.REPEATS),
        "PERFORMANCE_SLOW_REQUEST_THRESHOLD_MS", "0.001",
        "PERFORMANCE_VERY_SLOW_REQUEST_THRESHOLD_MS", "0.002"), workDir, SqlLiteralProbe.READY);
    List<String> answers = new ArrayList<>();
    JsonNode analyze;
    try {
      URI base = service.baseUri();
      for (List<String> s : SECRETS) {
        HttpResponse<String> probe = get(base, SqlLiteralProbe.ROUTE + "?email=" + encode(s.get(0)) + "&card="
            + s.get(1) + "&token=" + encode(s.get(2)));
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body()).isEqualTo("{\"failed\":2}");
      }
      // the store has a request once the server has finished it, a moment after the client has the answer
      await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(get(base,
          "/api/v1/performance/metrics?minutes=5&include_system=false").body()).at("/requests/total_requests")
          .asLong() == SECRETS.size());

      HttpResponse<String> analyzed = send(HttpRequest.newBuilder(base.resolve("/api/v1/performance/analyze"))
          .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(analyzed.statusCode()).isEqualTo(200);
      analyze = json.readTree(analyzed.body());
      answers.add(analyzed.body());
      for (String path : List.of("/api/v1/performance/alerts?hours=1", "/api/v1/performance/report?format=summary",
          "/api/v1/performance/report?format=detailed", "/api/v1/performance/database?include_slow_queries=true",
          "/api/v1/performance/endpoints", "/api/v1/performance/analyze/endpoint/probe/accounts",
          "/api/v1/performance/metrics?minutes=60", "/api/v1/performance/health", "/metrics")) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + TOKEN));
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        answers.add(response.body());
      }
    } finally {
      service.close();
    }

    String log = service.output();
    assertThat(log).as("the alerts and slow requests were logged").contains(
        "alert firing severity=critical rule=slow-query scope={operation=SELECT, query="
            + ScopeLabels.queryId("SELECT id FROM accounts WHERE email = ?") + ", table=accounts}",
        "alert firing severity=medium rule=n-plus-one-queries scope={method=GET, table=accounts, uri=/probe/accounts}",
        "Very slow request: GET /probe/accounts status=200", "perfwatch stopped");
    List<String> files = files();
    for (String literal : literals()) {
      assertThat(answers).as("API answers and /metrics").noneMatch(a -> a.contains(literal));
      assertThat(log).as("stdout and stderr").doesNotContain(literal);
      assertThat(files).as("files written in the working directory").noneMatch(f -> f.contains(literal));
    }
    assertThat(rules(analyze, "slow-query", "table", "accounts", "/details/fingerprint"))
        .isEqualTo(new TreeSet<>(EXPECTED_SLOW_QUERIES));
    assertThat(rules(analyze, "n-plus-one-queries", "table", "accounts", "/scope/uri"))
        .containsExactly(SqlLiteralProbe.ROUTE);
  }

  /** The values, and parts of them a half-done redaction could leave: an email's user, a card's last 12 digits. */
  private static List<String> literals() {
    List<String> literals = new ArrayList<>();
    for (List<String> s : SECRETS) {
      literals.addAll(s);
      literals.add(s.get(0).substring(0, s.get(0).indexOf('@')));
      literals.add(s.get(1).substring(s.get(1).length() - 12));
      literals.add(encode(s.get(0)));
      String grouped = SqlLiteralProbe.grouped(s.get(1));
      literals.add(grouped.substring(grouped.indexOf('_') + 1)); // all groups but the first
    }
    return literals;
  }

  /** The text at {@code pointer} of every alert of {@code rule} whose scope has {@code field} = {@code value}. */
  private static Set<String> rules(JsonNode analyze, String rule, String field, String value, String pointer) {
    Set<String> found = new TreeSet<>();
    for (JsonNode alert : analyze.get("alerts")) {
      if (alert.get("rule").asText().equals(rule) && value.equals(alert.at("/scope/" + field).asText())) {
        found.add(alert.at(pointer).asText());
      }
    }
    return found;
  }

  private List<String> files() throws IOException {
    List<String> contents = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(workDir)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        contents.add(p + "\n" + new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return contents;
  }

  private HttpResponse<String> get(URI base, String path) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
