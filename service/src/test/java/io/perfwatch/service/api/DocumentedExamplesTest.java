package io.perfwatch.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.service.reliability.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every JSON example of the OpenAPI document and of docs/service.md is checked against what a running service
 * answers to the request the example names: an error example must be the answer exactly; a success example (whose numbers
 * depend on the moment) must have the answer's shape, the same fields at every level with values of the same JSON
 * types (null and a number count as one type: the documented measures are nullable).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedExamplesTest {
  private static final String TOKEN = "examples-token-0123456789";
  private static final Pattern DOC_EXAMPLE = Pattern.compile(
      "<!-- response: (GET|POST) (\\S+)( admin)? -->\\s*```json\\n(.*?)```", Pattern.DOTALL);

  private final PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0)
      .withMonitoring(MonitoringSettings.defaults().withAdminToken(TOKEN)));
  private ApiClient client;

  @BeforeAll
  void startWithTraffic() {
    service.start();
    client = new ApiClient(service.baseUri());
    long before = service.perfWatch().stats().live().requestsTotal();
    List.of("/api/transactions/1", "/api/users/1/summary", "/demo/status/500").forEach(client::get);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> service.perfWatch().stats().live().requestsTotal() >= before + 3);
  }

  @AfterAll
  void stop() {
    service.stop();
  }

  @Test
  void everyOpenApiExampleIsARealAnswer() {
    JsonNode document = OpenApiSpec.load().document();
    List<JsonNode> mediaTypes = new ArrayList<>();
    document.get("paths").forEach(path -> path.forEach(operation -> operation.path("responses")
        .forEach(response -> response.path("content").forEach(mediaTypes::add))));
    document.at("/components/responses").forEach(response -> response.path("content").forEach(mediaTypes::add));

    int checked = 0;
    for (JsonNode mediaType : mediaTypes) {
      assertThat(mediaType.has("example")).as("use 'examples' with x-request, not 'example': %s", mediaType)
          .isFalse();
      for (JsonNode example : mediaType.path("examples")) {
        String[] request = example.path("x-request").asText("").split(" ", 2);
        assertThat(request).as("x-request of %s", example).hasSize(2);
        RawHttp.Answer answer = send(request[0], request[1], example.path("x-auth").asText("none"));
        assertMatches(example.get("value"), json(answer), answer.status(), request[1]);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(7);
  }

  @Test
  void everyServiceDocJsonExampleIsARealAnswer() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "service.md"));
    Matcher m = DOC_EXAMPLE.matcher(doc);
    int checked = 0;
    while (m.find()) {
      RawHttp.Answer answer = send(m.group(1), m.group(2), m.group(3) == null ? "none" : "admin");
      assertMatches(new ObjectMapper().readTree(m.group(4)), json(answer), answer.status(), m.group(2));
      checked++;
    }
    assertThat(checked).isEqualTo(2);
    assertThat(doc.split("```json", -1)).as("every ```json block has a response marker").hasSize(checked + 1);
  }

  /** Sent as written, over a plain socket: an example may show a request a URI class refuses ({@code %zz}). */
  private RawHttp.Answer send(String method, String path, String auth) {
    String authorization = switch (auth) {
      case "admin" -> "Authorization: Bearer " + TOKEN + "\r\n";
      case "wrong" -> "Authorization: Bearer not-the-token-0123456789\r\n";
      default -> "";
    };
    return RawHttp.exchange(service.port(), method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + authorization,
        new byte[0], Duration.ofSeconds(10));
  }

  private static JsonNode json(RawHttp.Answer answer) {
    try {
      return new ObjectMapper().readTree(answer.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + answer.text(), e);
    }
  }

  private static void assertMatches(JsonNode example, JsonNode answer, int status, String path) {
    if (status >= 400) {
      assertThat(answer).as("%s answered %s", path, status).isEqualTo(example);
    } else {
      assertThat(shape(answer, "")).as("%s: fields and types of %s", path, answer).isEqualTo(shape(example, ""));
    }
  }

  /** Every field path with its JSON type; nulls as "any", array items through their first element. */
  private static Set<String> shape(JsonNode node, String at) {
    Set<String> shape = new TreeSet<>();
    if (node.isObject()) {
      node.properties().forEach(e -> shape.addAll(shape(e.getValue(), at + "/" + e.getKey())));
      shape.add(at + ": object");
    } else if (node.isArray()) {
      shape.add(at + ": array");
      if (!node.isEmpty()) {
        shape.addAll(shape(node.get(0), at + "[]"));
      }
    } else {
      shape.add(at + (node.isNull() || node.isNumber() ? ": number or null" : ": " + node.getNodeType()));
    }
    return shape;
  }
}
