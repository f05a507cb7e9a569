package io.perfwatch.service.demo;

import io.perfwatch.service.ServiceConfig;

/** The demo on its default database: a fresh embedded H2 per service. */
class H2DemoAppTest extends DemoScenarios {
  @Override
  ServiceConfig config() {
    return ServiceConfig.onPort(0);
  }
}
