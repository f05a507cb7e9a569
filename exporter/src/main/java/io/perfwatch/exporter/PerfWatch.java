package io.perfwatch.exporter;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.perfwatch.exporter.config.PerfWatchConfig;
import io.perfwatch.exporter.http.IdentityExtractor;
import io.perfwatch.exporter.internal.PerfWatchInternals;
import io.perfwatch.exporter.internal.http.HttpMetrics;
import io.perfwatch.exporter.internal.jdbc.JdbcMetrics;
import io.perfwatch.exporter.internal.system.JvmMetrics;
import io.perfwatch.exporter.internal.system.SystemSampler;
import io.perfwatch.exporter.store.DatabaseMetrics;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.RequestMetrics;
import io.perfwatch.exporter.store.WindowStats;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The exporter in one object: HTTP, JDBC, host and JVM instrumentation feeding one Prometheus registry and one
 * bounded store. An adapter (perfwatch-spark, -servlet, -jakarta) times the app's requests; without one, the core
 * still times JDBC and serves {@code /metrics} itself:
 *
 * <pre>{@code
 * PerfWatch perfwatch = PerfWatch.builder().config(PerfWatchConfig.fromEnvironment()).build().start();
 * DataSource db = perfwatch.wrap(dataSource);
 * MetricsServer metrics = perfwatch.startMetricsServer(9464);   // http://localhost:9464/metrics
 * }</pre>
 */
public final class PerfWatch implements AutoCloseable {
  static {
    PerfWatchInternals.install(p -> p.parts);
  }

  private final PerfWatchConfig config;
  private final PrometheusMeterRegistry registry;
  private final MetricsStore store;
  private final JdbcMetrics jdbc;
  private final HttpMetrics http;
  private final SystemSampler system;
  private final @Nullable JvmMetrics jvm;
  private final PerfWatchInternals.Parts parts;
  private final StatsReader stats = new Stats();

  private PerfWatch(Builder b) {
    Slf4jNotice.printOnceIfNoProvider(System.err);
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
    this.jvm = b.jvmMetrics && config.enabled() ? new JvmMetrics() : null;
    if (jvm != null) {
      jvm.bindTo(registry);
    }
    this.parts = new PerfWatchInternals.Parts(http, jdbc, system, store);
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

  /**
   * {@code dataSource} behind P6Spy with perfwatch's listener; no spy.properties and no spy.log needed. Returned
   * unwrapped when monitoring is disabled.
   */
  public DataSource wrap(DataSource dataSource) {
    return config.enabled() ? jdbc.wrap(dataSource) : dataSource;
  }

  /**
   * For apps that configure P6Spy themselves ({@code jdbc:p6spy:} URLs and a {@code spy.properties} whose
   * {@code modulelist} names {@code io.perfwatch.exporter.jdbc.PerfWatchP6Module}) instead of {@link #wrap}: their
   * statements report to this instance from the next connection on.
   */
  public void reportP6SpyModule() {
    if (config.enabled()) {
      jdbc.registerForP6SpyModule();
    }
  }

  /**
   * A standalone {@code /metrics} server for apps that serve no HTTP of their own or want metrics on another port;
   * port 0 picks a free one ({@link MetricsServer#port()} tells which).
   */
  public MetricsServer startMetricsServer(int port) {
    try {
      return new MetricsServer(
          HTTPServer.builder().port(port).registry(registry.getPrometheusRegistry()).buildAndStart());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the /metrics server on port " + port, e);
    }
  }

  public PerfWatchConfig config() {
    return config;
  }

  /** The registry perfwatch records into; an app may register its own meters here too. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Windows, recent samples and live status, read-only. */
  public StatsReader stats() {
    return stats;
  }

  /** Stops the host sampler and the JVM binders' listeners. */
  @Override
  public void close() {
    system.close();
    if (jvm != null) {
      jvm.close();
    }
  }

  private final class Stats implements StatsReader {
    @Override
    public WindowStats window(long fromMillis, long toMillis) {
      return store.window(fromMillis, toMillis);
    }

    @Override
    public long nowMillis() {
      return System.currentTimeMillis();
    }

    @Override
    public List<RequestMetrics> recentRequests() {
      return store.recentRequests();
    }

    @Override
    public List<DatabaseMetrics> recentQueries() {
      return store.recentQueries();
    }

    @Override
    public LiveStatus live() {
      double errors = registry.find("perfwatch.instrumentation.errors").counters().stream()
          .mapToDouble(c -> c.count()).sum();
      return new LiveStatus(http.requestCount(), http.activeRequests(), jdbc.activeConnections(), (long) errors,
          system.latest());
    }
  }

  public static final class Builder {
    private PerfWatchConfig config = PerfWatchConfig.defaults();
    private @Nullable PrometheusMeterRegistry registry;
    private @Nullable IdentityExtractor identity;
    private boolean jvmMetrics = true;

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

    /**
     * Whether to register Micrometer's JVM and process metrics ({@code jvm_*}, {@code process_*}); default true.
     * Turn it off when the app's registry has them already (a Spring Boot app's does).
     */
    public Builder jvmMetrics(boolean enabled) {
      this.jvmMetrics = enabled;
      return this;
    }

    public PerfWatch build() {
      return new PerfWatch(this);
    }
  }
}
