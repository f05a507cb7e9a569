package io.perfwatch.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The requests {@link OpenApiContractTest} sends: fixed calls, and values derived from the documented parameters. */
final class ContractCases {
  private static final String API = PerformanceRoutes.BASE;
  private static final String[] AUTH = OpenApiContractTest.AUTH;
  private static final String[] NONE = {};

  private ContractCases() {}

  /** A call of every operation with each status it can answer here (429 and 500 need their own service). */
  static Stream<Arguments> calls() {
    return Stream.of(
        Arguments.of("GET", "/", NONE, 200),
        Arguments.of("GET", API + "/health", NONE, 200),
        Arguments.of("GET", API + "/metrics", NONE, 200),
        Arguments.of("GET", API + "/metrics?minutes=60&include_system=false", NONE, 200),
        Arguments.of("GET", API + "/metrics?minutes=0", NONE, 400),
        Arguments.of("GET", API + "/endpoints?top_n=1000", AUTH, 200),
        Arguments.of("GET", API + "/endpoints", NONE, 401),
        Arguments.of("GET", API + "/database?minutes=60", AUTH, 200),
        Arguments.of("GET", API + "/database?include_slow_queries=false", AUTH, 200),
        Arguments.of("GET", API + "/alerts", AUTH, 200),
        Arguments.of("GET", API + "/alerts?severity=critical&hours=1", AUTH, 200),
        Arguments.of("GET", API + "/alerts?severity=urgent", AUTH, 400),
        Arguments.of("GET", API + "/alerts/no-such-id", AUTH, 404),
        Arguments.of("GET", API + "/alerts/no-such-id", NONE, 401),
        Arguments.of("GET", API + "/report", AUTH, 200),
        Arguments.of("GET", API + "/report?format=summary", AUTH, 200),
        Arguments.of("GET", API + "/report?format=detailed", AUTH, 200),
        Arguments.of("GET", API + "/report?format=detailed&hours=1", AUTH, 200),
        Arguments.of("GET", API + "/report?format=pdf", AUTH, 400),
        Arguments.of("GET", API + "/report", new String[] {"Authorization", "Bearer wrong"}, 401),
        Arguments.of("POST", API + "/analyze", AUTH, 200),
        Arguments.of("POST", API + "/analyze", NONE, 401),
        Arguments.of("GET", API + "/analyze/endpoint/api/transactions/:id", AUTH, 200),
        Arguments.of("GET", API + "/analyze/endpoint//api/users/7/summary?method=get&hours=3", AUTH, 200),
        Arguments.of("GET", API + "/analyze/endpoint/api/nothing", AUTH, 404),
        Arguments.of("GET", API + "/analyze/endpoint/api/transactions/1?method=BREW", AUTH, 400));
  }

  /** Every documented query parameter: its bounds, enum values and booleans are accepted; one step beyond is a 400. */
  static Stream<Arguments> parameterValues() {
    OpenApiSpec spec = OpenApiSpec.load();
    return spec.operations().stream().filter(o -> o.startsWith("GET ")).flatMap(operation -> {
      String path = operation.substring(4);
      String url = path.replace("{path}", "api/transactions/:id") + "?";
      return spec.parameters("GET", path).stream().filter(p -> p.path("in").asText().equals("query")).flatMap(p -> {
        String name = p.get("name").asText();
        JsonNode schema = p.get("schema");
        Stream.Builder<Arguments> cases = Stream.builder();
        switch (schema.get("type").asText()) {
          case "integer" -> {
            int min = schema.get("minimum").asInt();
            int max = schema.get("maximum").asInt();
            cases.add(Arguments.of(url + name + "=" + min, 200)).add(Arguments.of(url + name + "=" + max, 200))
                .add(Arguments.of(url + name + "=" + (min - 1), 400))
                .add(Arguments.of(url + name + "=" + (max + 1), 400));
          }
          case "boolean" -> cases.add(Arguments.of(url + name + "=false", 200))
              .add(Arguments.of(url + name + "=maybe", 400));
          default -> {
            if (p.path("x-fleet-only").asBoolean()) { // job, instance: not a parameter of the in-process service
              return Stream.of(Arguments.of(url + name + "=orders", 400));
            }
            // only GET requests were recorded: other methods are accepted and then not found
            schema.get("enum").forEach(v -> cases.add(Arguments.of(url + name + "=" + v.asText(),
                name.equals("method") && !v.asText().equals("GET") ? 404 : 200)));
            cases.add(Arguments.of(url + name + "=bogus", 400));
          }
        }
        return cases.build();
      });
    });
  }
}
