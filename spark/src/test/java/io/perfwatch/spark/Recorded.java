package io.perfwatch.spark;

import static org.awaitility.Awaitility.await;

import io.perfwatch.exporter.LiveStatus;
import io.perfwatch.exporter.PerfWatch;
import java.time.Duration;

/**
 * perfwatch records a request when the server has finished it, which may be a moment after the client has the
 * response: tests wait for the recording instead of racing it.
 */
public final class Recorded {
  private Recorded() {}

  public static void awaitRequests(PerfWatch perfwatch, long expected) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> {
          LiveStatus live = perfwatch.stats().live();
          return live.requestsTotal() + live.instrumentationErrors() >= expected;
        });
  }
}
