package io.perfwatch.service.prometheus;

import org.junit.jupiter.api.BeforeAll;

/** {@link PrometheusStack} with Prometheus started with docker-compose.yml's flags, so it scrapes in protobuf. */
class PrometheusStackProtobufRealTest extends PrometheusStack {
  @BeforeAll
  static void startStack() throws Exception {
    start(Repo.prometheusFeatureFlags());
  }
}
