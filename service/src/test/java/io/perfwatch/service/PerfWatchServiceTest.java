package io.perfwatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PerfWatchServiceTest {
  private final PerfWatchService service = new PerfWatchService(ServiceConfig.onPort(0));

  @AfterEach
  void stop() {
    service.stop();
  }

  @Test
  void startsOnAFreePortAndServesMetrics() {
    service.start();
    TestClient client = new TestClient(service.baseUri());

    assertThat(service.port()).isPositive();
    assertThat(client.get("/api/transactions/1").status()).isEqualTo(200);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> service.perfWatch().stats().live().requestsTotal() == 1);
    TestClient.Reply metrics = client.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests_seconds_count{exception=\"None\",method=\"GET\","
        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/transactions/:id\"} 1");
  }

  @Test
  void routesAddedThroughServiceAreMeasuredLikeTheDemos() {
    service.service().get("/extra/ping/:name", (req, res) -> "pong");
    service.start();
    TestClient client = new TestClient(service.baseUri());

    assertThat(client.get("/extra/ping/x").body()).isEqualTo("pong");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> service.perfWatch().stats().live().requestsTotal() == 1); // recorded once the server has finished
    assertThat(client.get("/metrics").body()).contains("uri=\"/extra/ping/:name\"} 1");
  }

  @Test
  void stopRefusesNewRequestsAndLetsAnInFlightOneFinish() {
    service.start();
    TestClient client = new TestClient(service.baseUri());
    CompletableFuture<TestClient.Reply> slow = client.getAsync("/demo/sleep?ms=1500");
    await().atMost(Duration.ofSeconds(10)).until(() -> service.perfWatch().stats().live().activeRequests() == 1);

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::stop);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.get("/api/transactions/1"))
        .isEqualTo(new TestClient.Reply(503, "{\"error\":{\"code\":\"shutting_down\",\"message\":"
            + "\"the server is shutting down; retry shortly\"}}", "application/json")));
    assertThat(slow.join()).isEqualTo(new TestClient.Reply(200, "{\"slept_ms\":1500}", "application/json"));
    stopping.join();
  }

  @Test
  @Timeout(10)
  void stopIsIdempotentAndReleasesAwaitStopped() throws InterruptedException {
    service.start();

    service.stop();
    service.stop();

    service.awaitStopped(); // returns at once; would hit the timeout otherwise
  }

  @Test
  void aSecondStartIsRefused() {
    service.start();

    assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::start)
        .withMessage("the service is already started; create a new PerfWatchService to restart");
  }

  @Test
  void generatesDemoTrafficWhenAskedTo() {
    try (PerfWatchService withTraffic = new PerfWatchService(ServiceConfig.onPort(0).withDemoTraffic(true))) {
      withTraffic.start();

      await().atMost(Duration.ofSeconds(30))
          .until(() -> withTraffic.perfWatch().stats().live().requestsTotal() >= 5);
    }
  }
}
