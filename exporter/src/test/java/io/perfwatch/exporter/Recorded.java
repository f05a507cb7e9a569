package io.perfwatch.exporter;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * perfwatch records a request when the server has finished it, which may be a moment after the client has the
 * response: tests wait for the recording instead of racing it.
 */
public final class Recorded {
  private Recorded() {}

  public static void awaitRequests(PerfWatch perfwatch, long expected) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> perfwatch.http().requestCount() + perfwatch.http().instrumentationErrors() >= expected);
  }
}
