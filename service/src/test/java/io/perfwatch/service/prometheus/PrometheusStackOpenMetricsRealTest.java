package io.perfwatch.service.prometheus;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** {@link PrometheusStack} with Prometheus without feature flags, which scrapes in OpenMetrics. */
class PrometheusStackOpenMetricsRealTest extends PrometheusStack {
  @BeforeAll
  static void startStack() throws Exception {
    start(List.of());
  }
}
