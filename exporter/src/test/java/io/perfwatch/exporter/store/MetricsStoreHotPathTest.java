package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class MetricsStoreHotPathTest {
  private static final int CALLS = 1_000_000;

  @Test
  void recordingAnExistingEndpointAllocatesNothing() {
    MetricsStore store = MetricsStore.builder().clock(() -> T0).build();
    RequestMetrics[] requests = requestsWithinOneMinute();
    for (int round = 0; round < 3; round++) { // creates the endpoint, grows the live sketch, lets the JIT compile
      recordAll(store, requests);
    }

    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    recordAll(store, requests);
    long elapsed = System.nanoTime() - start;
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    System.out.printf("recordRequest: %d ns per call, %.3f bytes allocated per call (single thread)%n",
        elapsed / CALLS, (double) allocated / CALLS);
    assertThat(allocated).isLessThan(CALLS); // under one byte per call: no per-request garbage
  }

  private static RequestMetrics[] requestsWithinOneMinute() {
    RequestMetrics[] requests = new RequestMetrics[1000];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = request("GET", "/api/users/:id", i % 25 == 0 ? 503 : 200, 1 + i % 400, T0 + i * 50L, "acme");
    }
    return requests;
  }

  private static void recordAll(MetricsStore store, RequestMetrics[] requests) {
    for (int i = 0; i < CALLS; i++) {
      store.recordRequest(requests[i % requests.length]);
    }
  }
}
