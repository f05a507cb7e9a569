package io.perfwatch.service;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertSink;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.alert.AlertmanagerSettings;
import io.perfwatch.rules.alert.AlertmanagerSink;
import io.perfwatch.rules.alert.HistoryLimits;
import io.perfwatch.rules.alert.LogSink;
import io.perfwatch.rules.alert.MetricsSink;
import io.perfwatch.rules.engine.RuleEngine;
import io.perfwatch.rules.engine.RuleScheduler;
import io.perfwatch.rules.schema.IndexCatalog;
import io.perfwatch.rules.schema.JdbcIndexCatalog;
import io.perfwatch.rules.source.PrometheusQuerySource;
import io.perfwatch.rules.source.ScrapeTargets;
import io.perfwatch.rules.source.Scraper;
import io.perfwatch.rules.source.StoreSource;
import io.perfwatch.rules.source.TargetMetrics;
import io.perfwatch.rules.source.WatchedSource;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleFileWatcher;
import io.perfwatch.rules.yaml.RuleSet;
import io.perfwatch.service.api.AdminAuth;
import io.perfwatch.service.api.ApiContext;
import io.perfwatch.service.api.PerformanceRoutes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Service;

/**
 * The analysis side of the service: rules (the file of {@code PERFORMANCE_RULES_FILE}, hot-reloaded, or the
 * built-in ones), the source they are evaluated over (the in-process store; other services' {@code /metrics} with
 * {@code PERFORMANCE_SCRAPE_TARGETS}; a Prometheus server with {@code PERFORMANCE_PROMETHEUS_URL}), the engine and
 * its scheduler, the alert sinks, and the JSON API on top.
 */
final class Monitoring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);

  private final @Nullable RuleFileWatcher watcher;
  private final Supplier<RuleSet> rules;
  private final @Nullable Scraper scraper;
  private final WatchedSource source;
  private final @Nullable AlertmanagerSink alertmanager;
  private final AlertTracker alerts;
  private final RuleEngine engine;
  private final RuleScheduler scheduler;
  private final AdminAuth auth;
  private final MonitoringSettings settings;
  private final AtomicReference<IndexCatalog> indexes = new AtomicReference<>(IndexCatalog.NONE);
  private volatile URI externalUrl = URI.create("http://localhost"); // set by listening(), before evaluation

  Monitoring(PerfWatch perfwatch, MonitoringSettings settings) {
    this.settings = settings;
    RuleFileParser parser = new RuleFileParser(settings.environment());
    if (settings.rulesFile().isPresent()) {
      RuleFileWatcher w = new RuleFileWatcher(settings.rulesFile().get(), parser, perfwatch.registry());
      watcher = w;
      rules = w::current;
    } else {
      watcher = null;
      RuleSet builtIn = parser.parseBuiltIn(); // ${PERFORMANCE_*} thresholds from the settings, like a rules file
      rules = () -> builtIn;
    }
    Optional<URI> prometheus = settings.values().get(ServiceSettings.PROMETHEUS_URL);
    List<ScrapeTargets.Target> targets = settings.values().get(ServiceSettings.SCRAPE_TARGETS);
    int interval = settings.values().get(ServiceSettings.SCRAPE_INTERVAL_SECONDS);
    Duration timeout = Duration.ofSeconds(settings.values().isSet(ServiceSettings.SCRAPE_TIMEOUT_SECONDS)
        ? settings.values().get(ServiceSettings.SCRAPE_TIMEOUT_SECONDS) : Math.min(5, interval));
    if (prometheus.isPresent()) {
      scraper = null;
      source = new WatchedSource(new PrometheusQuerySource(prometheus.get(), timeout, System::currentTimeMillis),
          "prometheus");
    } else if (!targets.isEmpty()) {
      scraper = Scraper.builder().targetList(targets).interval(Duration.ofSeconds(interval)).timeout(timeout)
          .build();
      new TargetMetrics(scraper).bindTo(perfwatch.registry());
      source = new WatchedSource(scraper.merged(), "scrape");
    } else {
      scraper = null;
      source = new WatchedSource(new StoreSource(perfwatch.stats()), "in_process");
    }
    alertmanager = settings.values().get(ServiceSettings.ALERTMANAGER_URL).map(url -> new AlertmanagerSink(url,
        this::generatorUrl, AlertmanagerSettings.defaults(), perfwatch.registry())).orElse(null);
    Supplier<RuleSet> loaded = rules;
    List<AlertSink> sinks = new ArrayList<>(List.of(new LogSink(), new MetricsSink(perfwatch.registry(),
        () -> loaded.get().rules().stream().collect(Collectors.toMap(RuleDefinition::name,
            r -> r.severity().ratios().keySet(), (a, b) -> a)))));
    Optional.ofNullable(alertmanager).ifPresent(sinks::add);
    HistoryLimits history = new HistoryLimits(Duration.ofHours(settings.values().get(
        ServiceSettings.ALERT_HISTORY_HOURS)), HistoryLimits.DEFAULT_MAX_ALERTS);
    alerts = new AlertTracker(Clock.systemUTC(), history, sinks);
    // the in-process store's statements run on the demo's database: advice is checked against its indexes
    engine = new RuleEngine(source, alerts, perfwatch.registry(), table -> indexes.get().indexes(table));
    scheduler = new RuleScheduler(rules, engine);
    auth = new AdminAuth(settings.adminToken(), System::currentTimeMillis);
  }

  /** Reads the indexes of the database whose statements the in-process store records (not a scraped one's). */
  void readIndexes(DataSource database) {
    if (!source.fleet()) {
      indexes.set(JdbcIndexCatalog.start(database));
    }
  }

  /** Adds the API to {@code http}; evaluation starts with {@link #listening}. */
  void start(Service http, PerfWatch perfwatch) {
    PerformanceRoutes.register(http, new ApiContext(source, engine, alerts, rules, this::rulesReloadError,
        perfwatch, auth, settings.corsOrigins()));
  }

  /**
   * Starts evaluating once the server listens on {@code port}: alerts link back to the API, so its external URL
   * ({@code PERFORMANCE_EXTERNAL_URL}, by default this host and the bound port) must be known first.
   */
  void listening(int port) {
    if (alertmanager != null) { // the default reads the host name, which may ask DNS: only when it is needed
      externalUrl = settings.values().get(ServiceSettings.EXTERNAL_URL).orElseGet(() -> ExternalUrl.defaultFor(port));
    }
    if (watcher != null) {
      watcher.start(Duration.ofSeconds(2));
    }
    if (scraper != null) {
      scraper.start();
    }
    scheduler.start();
    LOG.info("perfwatch evaluating {} rules ({}) over {}", rules.get().rules().size(), rules.get().origin(),
        source.describe());
    if (alertmanager != null) {
      LOG.info("alerts go to Alertmanager and link back to {}{}/alerts/<id> (set {} to change it)", externalUrl,
          PerformanceRoutes.BASE, ExternalUrl.ENV);
    }
    if (!auth.isOpen()) {
      LOG.warn("admin endpoints are closed: set PERFORMANCE_ADMIN_TOKEN (at least 16 random characters) to use "
          + "/api/v1/performance/endpoints, /database, /alerts, /report and /analyze");
    }
  }

  /** The alert in this service's API, for Alertmanager's links back (the scheduler starts after it is known). */
  private URI generatorUrl(Alert alert) {
    return URI.create(externalUrl + PerformanceRoutes.BASE + "/alerts/" + alert.id());
  }

  /** The problems of the last rejected rules file change, one per line, while it stays rejected. */
  Optional<String> rulesReloadError() {
    return watcher == null ? Optional.empty() : watcher.lastFailure().map(RuntimeException::getMessage);
  }

  @Override
  public void close() {
    scheduler.close();
    if (indexes.get() instanceof JdbcIndexCatalog catalog) {
      catalog.close();
    }
    if (watcher != null) {
      watcher.close();
    }
    if (scraper != null) {
      scraper.close();
    }
    if (alertmanager != null) {
      alertmanager.flush();
      alertmanager.close();
    }
  }
}
