package io.perfwatch.service.reliability;

import io.perfwatch.service.MonitoringSettings;
import io.perfwatch.service.PerfWatchService;
import io.perfwatch.service.ServiceConfig;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The service on a free port with an admin token, started once for a test class and stopped after it:
 * {@code @RegisterExtension static final RunningService SERVICE = RunningService.withAdminToken(TOKEN);}
 */
final class RunningService implements BeforeAllCallback, AfterAllCallback {
  private final ServiceConfig config;
  private PerfWatchService service;

  private RunningService(ServiceConfig config) {
    this.config = config;
  }

  static RunningService withAdminToken(String token) {
    return new RunningService(ServiceConfig.onPort(0)
        .withMonitoring(MonitoringSettings.defaults().withAdminToken(token)));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    service = new PerfWatchService(config).start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    service.stop();
  }

  URI baseUri() {
    return service.baseUri();
  }

  int port() {
    return service.port();
  }
}
