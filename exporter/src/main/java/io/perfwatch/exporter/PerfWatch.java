package io.perfwatch.exporter;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.http.HttpMetrics;
import io.perfwatch.exporter.http.IdentityExtractor;
import io.perfwatch.exporter.http.MetricsRoute;
import io.perfwatch.exporter.http.PerfWatchServletFilter;
import io.perfwatch.exporter.http.RouteTemplates;
import io.perfwatch.exporter.http.SparkInstrumentation;
import io.perfwatch.exporter.jdbc.JdbcMetrics;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.system.SystemSampler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;
import spark.Service;

/**
 * The exporter in one object: HTTP, JDBC and host instrumentation feeding one Prometheus registry and one store.
 *
 * <pre>{@code
 * PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.fromEnvironment()).build().start();
 * Service http = Service.ignite().port(8080);
 * perfwatch.instrument(http);               // before the first route
 * perfwatch.mountMetrics(http, "/metrics");
 * DataSource db = perfwatch.wrap(dataSource);
 * }</pre>
 */
public final class PerfWatch implements AutoCloseable {
  private final PerfWatchConfig config;
  private final PrometheusMeterRegistry registry;
  private final MetricsStore store;
  private final JdbcMetrics jdbc;
  private final HttpMetrics http;
  private final SystemSampler system;

  private PerfWatch(Builder b) {
    this.config = b.config;
    this.registry = b.registry != null ? b.registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.store = MetricsStore.builder()
        .historyHours(config.historyHours())
        .retention(config.metricsRetention())
        .maxEndpoints(2 * config.maxRoutes()) // method + route: room for two methods per route
        .maxFingerprints(config.maxQueryFingerprints())
        .maxTenants(config.maxTenants())
        .build();
    this.jdbc = new JdbcMetrics(registry, config, store::recordQuery, store::recordNPlusOne);
    this.http = new HttpMetrics(registry, config, jdbc, store::recordRequest,
        b.identity != null ? b.identity : IdentityExtractor.headers(config.tenantHeader(), config.userHeader()));
    this.system = new SystemSampler(registry, config.systemSampleSeconds(),
        new SystemSampler.Sources(jdbc::activeConnections, http::requestCount, http::activeRequests),
        store::recordSystem);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the host sampler (its first sample is taken on its own thread). */
  public PerfWatch start() {
    if (config.enabled()) {
      system.start();
    }
    return this;
  }

  /** Times every request of {@code service}; call it before the service's first route or filter. */
  public void instrument(Service service) {
    new SparkInstrumentation(http).instrument(service);
  }

  /**
   * As {@link #instrument(Service)}, and {@code jetty} configures the Jetty server Spark creates (once, just before
   * it starts, connector added): e.g. {@code server -> server.setErrorHandler(jsonErrors)} so that what Jetty
   * answers on its own (bad URI or header, 414, 431) has the app's error format.
   */
  public void instrument(Service service, Consumer<? super Server> jetty) {
    new SparkInstrumentation(http).instrument(service, jetty);
  }

  /**
   * {@code dataSource} behind P6Spy with perfwatch's listener; no spy.properties and no spy.log needed. Returned
   * unwrapped when monitoring is disabled.
   */
  public DataSource wrap(DataSource dataSource) {
    return config.enabled() ? jdbc.wrap(dataSource) : dataSource;
  }

  /** A servlet filter for other containers; routes are matched against {@code templates}. */
  public PerfWatchServletFilter servletFilter(RouteTemplates templates) {
    return PerfWatchServletFilter.withTemplates(http, templates);
  }

  /** Serves the Prometheus exposition at {@code path} of an app's own Spark service. */
  public void mountMetrics(Service service, String path) {
    http.exclude(path);
    service.get(path, new MetricsRoute(registry));
  }

  /** A standalone {@code /metrics} server for apps without an HTTP server of their own; port 0 picks a free one. */
  public HTTPServer startMetricsServer(int port) {
    try {
      return HTTPServer.builder().port(port).registry(registry.getPrometheusRegistry()).buildAndStart();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the /metrics server on port " + port, e);
    }
  }

  public PerfWatchConfig config() {
    return config;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public MetricsStore store() {
    return store;
  }

  public HttpMetrics http() {
    return http;
  }

  public JdbcMetrics jdbc() {
    return jdbc;
  }

  public SystemSampler system() {
    return system;
  }

  @Override
  public void close() {
    system.close();
  }

  public static final class Builder {
    private PerfWatchConfig config = PerfWatchConfig.defaults();
    private @Nullable PrometheusMeterRegistry registry;
    private @Nullable IdentityExtractor identity;

    private Builder() {}

    public Builder config(PerfWatchConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Record into an existing registry (for example the app's own); by default perfwatch makes one. */
    public Builder registry(PrometheusMeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** How tenant and user are found; default: the configured headers. */
    public Builder identity(IdentityExtractor identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    public PerfWatch build() {
      return new PerfWatch(this);
    }
  }
}
