package io.perfwatch.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.service.TestClient;
import io.perfwatch.service.TestClient.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every demo route over real HTTP, against the database a subclass configures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoScenarios {
  private PerfWatchService service;
  TestClient client;

  abstract ServiceConfig config();

  @BeforeAll
  void start() {
    service = new PerfWatchService(config()).start();
    client = new TestClient(service.baseUri());
  }

  @AfterAll
  void stop() {
    service.stop();
  }

  @Test
  void listsTheNewestTransactionsFirst() {
    Reply reply = client.get("/api/transactions");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json");
    List<Instant> times = new ArrayList<>();
    reply.json().get("transactions").forEach(t -> times.add(Instant.parse(t.get("created_at").asText())));
    assertThat(times).hasSize(50).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void listsOneUsersTransactions() {
    JsonNode list = client.get("/api/transactions?user_id=7&limit=3").json().get("transactions");

    assertThat(list).hasSize(3).allSatisfy(t -> assertThat(t.get("user_id").asLong()).isEqualTo(7));
  }

  @Test
  void listRejectsBadParameters() {
    assertThat(client.get("/api/transactions?limit=501")).isEqualTo(new Reply(400, "{\"error\":{\"code\":"
        + "\"invalid_parameter\",\"message\":\"limit must be a whole number from 1 to 500, got '501'\"}}",
        "application/json"));
    assertThat(client.get("/api/transactions?user_id=abc").body()).isEqualTo("{\"error\":{\"code\":"
        + "\"invalid_parameter\",\"message\":\"user_id must be a positive whole number, got 'abc'\"}}");
    assertThat(client.get("/api/transactions?limit=1&limit=2").body()).isEqualTo("{\"error\":{\"code\":"
        + "\"invalid_parameter\",\"message\":\"limit was given 2 times; give it once\"}}");
  }

  @Test
  void everyRouteRefusesParametersItDoesNotTake() {
    assertThat(client.get("/api/transactions?limt=5")).isEqualTo(new Reply(400, "{\"error\":{\"code\":"
        + "\"unknown_parameter\",\"message\":\"unknown parameter 'limt'; allowed: user_id, limit\"}}",
        "application/json"));
    assertThat(client.get("/api/reports/monthly?year=2024").body()).isEqualTo("{\"error\":{\"code\":"
        + "\"unknown_parameter\",\"message\":\"unknown parameter 'year'; this endpoint takes no parameters\"}}");
  }

  @Test
  void getsATransactionById() {
    JsonNode t = client.get("/api/transactions/1").json();

    assertThat(t.get("id").asLong()).isEqualTo(1);
    assertThat(t.get("user_id").asLong()).isEqualTo(120);
    assertThat(t.get("category_id").asLong()).isEqualTo(36);
    assertThat(t.get("amount").decimalValue()).isEqualByComparingTo("29.01");
    assertThat(t.get("currency").asText()).isEqualTo("USD");
    assertThat(t.get("description").asText()).isEqualTo("Wonka - Furniture");
    assertThat(Instant.parse(t.get("created_at").asText())).isBefore(Instant.now());
  }

  @Test
  void missingTransactionIs404Json() {
    assertThat(client.get("/api/transactions/999999")).isEqualTo(new Reply(404,
        "{\"error\":{\"code\":\"not_found\",\"message\":\"no transaction with id 999999\"}}", "application/json"));
  }

  @Test
  void nonNumericTransactionIdIs400() {
    assertThat(client.get("/api/transactions/abc")).isEqualTo(new Reply(400, "{\"error\":{\"code\":"
        + "\"invalid_parameter\",\"message\":\"id must be a positive whole number, got 'abc'\"}}", "application/json"));
  }

  @Test
  void transactionIdInAnotherScriptsDigitsIs400() {
    // U+0665 ARABIC-INDIC DIGIT FIVE: Long.parseLong alone would read it as 5
    assertThat(client.get("/api/transactions/%D9%A5")).isEqualTo(new Reply(400, "{\"error\":{\"code\":"
        + "\"invalid_parameter\",\"message\":\"id must be a positive whole number, got '\u0665'\"}}",
        "application/json"));
    assertThat(client.get("/api/transactions/+5").status()).isEqualTo(400);
  }

  @Test
  void createsATransaction() {
    Reply created = client.post("/api/transactions", "{\"user_id\": 3, \"category_id\": 1, \"amount\": 42.5, "
        + "\"currency\": \"EUR\", \"description\": \"  Weekly groceries \"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode t = created.json();
    assertThat(t.get("amount").decimalValue()).isEqualByComparingTo("42.50");
    assertThat(t.get("description").asText()).isEqualTo("Weekly groceries");
    assertThat(client.get("/api/transactions/" + t.get("id").asLong()).json()).isEqualTo(t);
  }

  @Test
  void createListsEveryInvalidField() {
    Reply reply = client.post("/api/transactions", "{\"user_id\": \"seven\", \"category_id\": 0, "
        + "\"amount\": -3, \"currency\": \"usd\"}");

    assertThat(reply).isEqualTo(new Reply(400, "{\"error\":{\"code\":\"validation_failed\",\"message\":"
        + "\"5 fields are invalid\",\"fields\":{\"user_id\":\"must be a positive whole number\","
        + "\"category_id\":\"must be a positive whole number\",\"amount\":\"must be a number greater than 0\","
        + "\"currency\":\"must be one of [EUR, GBP, USD]\",\"description\":\"is required\"}}}", "application/json"));
  }

  @Test
  void createRejectsUnknownUserAndCategoryAndTooManyDecimals() {
    Reply reply = client.post("/api/transactions", "{\"user_id\": 100000, \"category_id\": 41, "
        + "\"amount\": 1.005, \"currency\": \"GBP\", \"description\": \"Tea\"}");

    assertThat(reply.body()).isEqualTo("{\"error\":{\"code\":\"validation_failed\",\"message\":"
        + "\"3 fields are invalid\",\"fields\":{\"user_id\":\"no user with id 100000\","
        + "\"category_id\":\"no category with id 41\",\"amount\":\"must have at most 2 decimal places\"}}}");
  }

  @Test
  void createRejectsABodyThatIsNotAnObject() {
    assertThat(client.post("/api/transactions", "[1, 2]")).isEqualTo(new Reply(400, "{\"error\":{\"code\":"
        + "\"invalid_json\",\"message\":\"request body must be a JSON object with user_id, category_id, amount, "
        + "currency and description\"}}", "application/json"));
    Reply malformed = client.post("/api/transactions", "{\"user_id\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().at("/error/code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void summarizesAUsersSpending() {
    JsonNode summary = client.get("/api/users/1/summary").json();
    JsonNode all = client.get("/api/transactions?user_id=1&limit=500").json().get("transactions");

    assertThat(summary.get("user_id").asLong()).isEqualTo(1);
    assertThat(summary.get("name").asText()).isEqualTo("Liam Hernandez");
    assertThat(summary.get("transaction_count").asInt()).isEqualTo(all.size()).isGreaterThanOrEqualTo(5);
    int counted = 0;
    for (JsonNode c : summary.get("categories")) {
      counted += c.get("transaction_count").asInt();
    }
    assertThat(counted).isEqualTo(all.size());
  }

  @Test
  void summaryOfAnUnknownUserIs404() {
    assertThat(client.get("/api/users/4000/summary").body())
        .isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"no user with id 4000\"}}");
  }

  @Test
  void summaryIsReportedAsAnNPlusOne() {
    client.get("/api/users/2/summary");

    // perfwatch records the request once the server has finished it, a moment after the client has the answer
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(client.get("/metrics").body().lines())
            .anyMatch(l -> l.startsWith("db_n_plus_one_total{method=\"GET\",table=\"categories\","
                + "uri=\"/api/users/:id/summary\"} ")));
  }

  @Test
  void monthlyReportCoversEveryTransactionOfTheLastYear() {
    JsonNode months = client.get("/api/reports/monthly").json().get("months");

    long transactions = 0;
    List<String> distinct = new ArrayList<>();
    for (JsonNode m : months) {
      transactions += m.get("transaction_count").asLong();
      if (!distinct.contains(m.get("month").asText())) {
        distinct.add(m.get("month").asText());
      }
    }
    assertThat(transactions).isGreaterThanOrEqualTo(DemoData.TRANSACTIONS);
    assertThat(distinct).hasSizeBetween(12, 13).isSorted();
  }

  @Test
  void sleepAnswersAfterTheRequestedTime() {
    long start = System.nanoTime();

    Reply reply = client.get("/demo/sleep?ms=120");

    assertThat(reply).isEqualTo(new Reply(200, "{\"slept_ms\":120}", "application/json"));
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(120_000_000L);
  }

  @Test
  void sleepRejectsMissingAndOutOfRangeDurations() {
    assertThat(client.get("/demo/sleep?ms=10001").body()).isEqualTo("{\"error\":{\"code\":\"invalid_parameter\","
        + "\"message\":\"ms must be a whole number from 0 to 10000, got '10001'\"}}");
    assertThat(client.get("/demo/sleep")).isEqualTo(new Reply(400, "{\"error\":{\"code\":\"invalid_parameter\","
        + "\"message\":\"ms is required: a whole number from 0 to 10000\"}}", "application/json"));
  }

  @Test
  void statusAnswersTheRequestedCode() {
    assertThat(client.get("/demo/status/500")).isEqualTo(new Reply(500, "{\"error\":{\"code\":\"injected_fault\","
        + "\"message\":\"status 500 requested through /demo/status\"}}", "application/json"));
    assertThat(client.get("/demo/status/202")).isEqualTo(new Reply(202, "{\"status\":202}", "application/json"));
    assertThat(client.get("/demo/status/600").body()).isEqualTo("{\"error\":{\"code\":\"invalid_parameter\","
        + "\"message\":\"code must be a whole number from 200 to 599, got '600'\"}}");
  }
}
