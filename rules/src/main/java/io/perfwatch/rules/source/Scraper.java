package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.MetricsStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Scrapes other services' {@code /metrics} (ours, or any Micrometer/Spring Boot app's) and feeds the increments
 * between consecutive scrapes into one {@link MetricsStore} per target, one per job and one for the fleet, so every
 * detector works on services that only expose metrics, per instance or per service.
 *
 * <p>Increments: the first scrape of a target is only a baseline; a counter lower than before means the target
 * restarted, and its new value is the increment; a failed scrape keeps the baseline, so the next success records
 * the whole gap at its own time (counts stay exact, their minute is the recovery's). Targets are scraped
 * concurrently and asynchronously, each bounded by the timeout (connect, response and body) and a body size cap,
 * so a down, hanging or garbage-serving target is marked down without delaying the others. See
 * {@link ScrapedSource} for how staleness shows.
 */
public final class Scraper implements AutoCloseable {
  private final Map<String, ScrapeTarget> targets = new LinkedHashMap<>();
  private final HttpClient client;
  private final Builder settings;
  private final ScrapeFleet fleet;
  private final ScheduledExecutorService scheduler;

  private Scraper(Builder b) {
    this.settings = b;
    this.client = HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    MetricsStore mergedStore = MetricsStore.builder().clock(b.clock).build();
    Map<String, MetricsStore> jobs = new LinkedHashMap<>();
    ScrapeMapper mapper = new ScrapeMapper(b.nPlusOneMinRepeats);
    PrometheusTextParser parser = new PrometheusTextParser();
    for (ScrapeTargets.Target target : b.targets) {
      MetricsStore store = MetricsStore.builder().clock(b.clock).build();
      MetricsStore job = jobs.computeIfAbsent(target.job(), j -> MetricsStore.builder().clock(b.clock).build());
      targets.put(target.uri().toString(), new ScrapeTarget(target, List.of(store, job, mergedStore), b.clock,
          mapper, parser));
    }
    this.fleet = new ScrapeFleet(mergedStore, jobs, List.copyOf(targets.values()), b.clock,
        2 * b.interval.toMillis(), "scrape of " + targets.size() + " targets");
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "perfwatch-scraper");
      thread.setDaemon(true);
      return thread;
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Scrapes every target now and then every interval; a scrape still running when the next is due is skipped. */
  public Scraper start() {
    long interval = settings.interval.toMillis();
    scheduler.scheduleAtFixedRate(this::scrapeAsync, 0, interval, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Scrapes every target once, concurrently, and waits; never throws for a target's failure (see health). */
  public void scrapeOnce() {
    scrapeAsync().join();
  }

  private CompletableFuture<Void> scrapeAsync() {
    return CompletableFuture.allOf(targets.values().stream()
        .map(t -> t.scrape(client, settings.timeout, settings.maxBodyBytes))
        .toArray(CompletableFuture[]::new));
  }

  List<ScrapeTarget> scrapeTargets() {
    return List.copyOf(targets.values());
  }

  public List<TargetHealth> targets() {
    List<TargetHealth> health = new ArrayList<>();
    targets.values().forEach(t -> health.add(t.health()));
    return List.copyOf(health);
  }

  /** The statistics of one target, by its URL as configured. */
  public StatsSource source(String target) {
    ScrapeTarget scraped = targets.get(target);
    if (scraped == null) {
      throw new IllegalArgumentException("'" + target + "' is not a scrape target; targets are " + targets.keySet());
    }
    return new ScrapedSource(scraped.store(), List.of(scraped), settings.clock, "scrape of " + target);
  }

  /**
   * The fleet of targets: {@link StatsSource#window} merges them all, {@link StatsSource#windows} answers per job
   * or per target; a target whose last successful scrape is older than two scrape intervals no longer counts.
   */
  public StatsSource merged() {
    return fleet;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  /** Settings of a {@link Scraper}. */
  public static final class Builder {
    private List<ScrapeTargets.Target> targets = List.of();
    private Duration interval = Duration.ofSeconds(15);
    private Duration timeout = Duration.ofSeconds(5);
    private long maxBodyBytes = PrometheusTextParser.DEFAULT_MAX_CHARS;
    private int nPlusOneMinRepeats = 5;
    private LongSupplier clock = System::currentTimeMillis;

    private Builder() {}

    /** From {@code PERFORMANCE_SCRAPE_TARGETS}; see {@link ScrapeTargets#targets}. */
    public Builder targets(String commaSeparated) {
      this.targets = ScrapeTargets.targets(commaSeparated);
      return this;
    }

    /** Targets with their jobs, as {@link ScrapeTargets#targets} reads them. */
    public Builder targetList(List<ScrapeTargets.Target> targets) {
      this.targets = List.copyOf(targets);
      return this;
    }

    /** Each URL's job is its host. */
    public Builder targets(List<URI> targets) {
      this.targets = targets.stream().map(u -> new ScrapeTargets.Target(u.getHost(), u)).toList();
      return this;
    }

    /** Time between scrapes; default 15 s. */
    public Builder interval(Duration interval) {
      this.interval = positive("interval", interval);
      return this;
    }

    /** Limit for connecting, the response and its body, per scrape and target; default 5 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /** Larger responses fail the scrape; default 16 MiB. */
    public Builder maxBodyBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBytes);
      }
      this.maxBodyBytes = maxBytes;
      return this;
    }

    /** The targets' {@code PERFORMANCE_N_PLUS_ONE_MIN_REPEATS}, reported as each scraped finding's repeats. */
    public Builder nPlusOneMinRepeats(int repeats) {
      if (repeats < 2) {
        throw new IllegalArgumentException("nPlusOneMinRepeats must be at least 2, was " + repeats);
      }
      this.nPlusOneMinRepeats = repeats;
      return this;
    }

    /** Epoch milliseconds: the time increments are recorded at and the stores' clock. */
    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Scraper build() {
      return new Scraper(this);
    }

    private static Duration positive(String name, Duration value) {
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
