package io.perfwatch.service.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import io.perfwatch.service.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
  private final PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0)).start();
  private final TrafficGenerator traffic = new TrafficGenerator(service.baseUri(), Duration.ofMillis(5), 7);

  @AfterEach
  void stop() {
    traffic.stop();
    service.stop();
  }

  @Test
  void sendsTheMixAndEveryRequestIsRecorded() {
    traffic.start();
    TestClient client = new TestClient(service.baseUri());

    await().atMost(Duration.ofSeconds(60)).until(() -> traffic.requestsSent() >= 60);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.get("/metrics").body()).contains(
        "uri=\"/api/users/:id/summary\"", "uri=\"/api/reports/monthly\"",
        "status=\"404\",uri=\"/api/transactions/:id\"", "status=\"500\",uri=\"/demo/status/:code\"",
        "method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/transactions\"",
        "db_n_plus_one_total{method=\"GET\",table=\"categories\",uri=\"/api/users/:id/summary\"}"));
    assertThat(traffic.requestsFailed()).isZero();
  }

  @Test
  void stopsCleanly() {
    traffic.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> traffic.requestsSent() >= 3);

    traffic.stop();

    assertThat(traffic.isStopped()).isTrue();
    long sent = traffic.requestsSent();
    // The client can see the last response a moment before the server has finished recording it.
    await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().requestsTotal() == sent);
    assertThat(service.perfWatch().stats().live().activeRequests()).isZero();
    assertThat(traffic.requestsSent()).isEqualTo(sent);
  }
}
