package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.yaml.Aggregation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The fleet view: the same {@link WindowStats} computed by a Prometheus server (or Thanos, Mimir, VictoriaMetrics)
 * over every instance it scrapes, with instant queries at the window's end over a range equal to the window (see
 * {@link FleetQueries}). Counts are {@code increase()} rounded to whole numbers; percentiles come from
 * {@code histogram_quantile} (linear interpolation inside a bucket) and are NaN when no buckets are exported;
 * per-request SQL time is not exported, so {@code avgQueryTimeMs} is 0; N+1 findings carry the table, not the SQL.
 * Any failure throws {@link PrometheusQueryException}: a window is never silently zeros.
 */
public final class PrometheusQuerySource implements StatsSource {
  public static final String VARIABLE = "PERFORMANCE_PROMETHEUS_URL";

  private final PrometheusApi api;
  private final LongSupplier clock;

  public PrometheusQuerySource(URI prometheus, Duration timeout, LongSupplier clock) {
    this.api = new PrometheusApi(Objects.requireNonNull(prometheus, "prometheus"), timeout);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** From {@code PERFORMANCE_PROMETHEUS_URL}, e.g. {@code http://prometheus:9090}; 5 s per query. */
  public static PrometheusQuerySource of(String url) {
    return of(url, Duration.ofSeconds(5));
  }

  /** From {@code PERFORMANCE_PROMETHEUS_URL}, with {@code timeout} per query. */
  public static PrometheusQuerySource of(String url, Duration timeout) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new SourceConfigException(VARIABLE, List.of("'" + url + "' is not an http or https URL with a host; "
          + "expected the Prometheus server's base URL such as http://prometheus:9090"));
    }
    return new PrometheusQuerySource(uri, timeout, System::currentTimeMillis);
  }

  @Override
  public WindowStats window(long fromMillis, long toMillis) {
    return FleetWindowStats.of(fromMillis, toMillis, PrometheusApi.join(ask(fromMillis, toMillis, "", Statistic.all())));
  }

  @Override
  public Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level) {
    return windows(fromMillis, toMillis, level, Statistic.all());
  }

  @Override
  public Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level,
      Set<Statistic> needs) {
    WindowRequest request = new WindowRequest(fromMillis, toMillis, level, needs);
    return PrometheusApi.join(windows(List.of(request)).get(request));
  }

  /**
   * One round of queries per request, only those its {@code needs} asks for, kept per {@code job} (and
   * {@code instance}) and split into a window per group; every round's queries are sent together (at most
   * {@value PrometheusApi#IN_FLIGHT} in flight), so that Prometheus works on several at once.
   */
  @Override
  public Map<WindowRequest, CompletableFuture<Map<Identity, WindowStats>>> windows(List<WindowRequest> requests) {
    Map<WindowRequest, Map<String, CompletableFuture<List<VectorSample>>>> sent = new LinkedHashMap<>();
    requests.forEach(r -> sent.put(r, new HashMap<>()));
    // every round's bucket rates first: by far the longest queries, so that the cycle's last answer comes sooner
    send(sent, true);
    send(sent, false);
    Map<WindowRequest, CompletableFuture<Map<Identity, WindowStats>>> answers = new LinkedHashMap<>();
    sent.forEach((r, pending) -> {
      CompletableFuture<Map<String, List<VectorSample>>> round = r.toMillis() > r.fromMillis()
          ? PrometheusApi.all(pending) : CompletableFuture.failedFuture(empty(r.fromMillis(), r.toMillis()));
      answers.put(r, round.thenApply(a -> split(r.fromMillis(), r.toMillis(), r.level(), a)));
    });
    return answers;
  }

  private void send(Map<WindowRequest, Map<String, CompletableFuture<List<VectorSample>>>> sent, boolean buckets) {
    sent.forEach((r, pending) -> {
      if (r.toMillis() > r.fromMillis()) {
        String group = r.level() == Aggregation.INSTANCE ? "job, instance, " : "job, ";
        FleetQueries.all(r.toMillis() - r.fromMillis(), group, r.needs()).forEach((key, promql) -> {
          if (key.equals(FleetQueries.BUCKETS) == buckets) {
            pending.put(key, api.query(promql, r.toMillis()));
          }
        });
      }
    });
  }

  private static Map<Identity, WindowStats> split(long fromMillis, long toMillis, Aggregation level,
      Map<String, List<VectorSample>> answers) {
    Map<Identity, Map<String, List<VectorSample>>> groups = new HashMap<>();
    answers.forEach((key, samples) -> samples.forEach(s -> groups
        .computeIfAbsent(new Identity(s.label("job"), s.label("instance")).at(level), id -> new HashMap<>())
        .computeIfAbsent(key, k -> new ArrayList<>()).add(s)));
    Map<Identity, WindowStats> windows = new HashMap<>();
    groups.forEach((id, mine) -> windows.put(id, FleetWindowStats.of(fromMillis, toMillis, mine)));
    return windows;
  }

  @Override
  public boolean fleet() {
    return true;
  }

  @Override
  public boolean ownHistory() {
    return true;
  }

  /**
   * Every instance Prometheus scrapes, from its own series: {@code up}, {@code timestamp(up)} (the last scrape,
   * a success when up), {@code scrape_duration_seconds} and {@code scrape_samples_scraped}; four queries however
   * many instances. Prometheus keeps no error text in series: a down instance's error says to look at its targets
   * page.
   */
  @Override
  public List<TargetHealth> targets() {
    long now = clock.getAsLong();
    Map<String, CompletableFuture<List<VectorSample>>> pending = new LinkedHashMap<>();
    for (String q : List.of("up", "timestamp(up)", "scrape_duration_seconds", "scrape_samples_scraped")) {
      pending.put(q, api.query(q, now));
    }
    Map<String, List<VectorSample>> answers = PrometheusApi.join(PrometheusApi.all(pending));
    Map<String, Map<Identity, Double>> values = new HashMap<>();
    answers.forEach((q, samples) -> samples.forEach(s -> values.computeIfAbsent(q, k -> new HashMap<>())
        .put(new Identity(s.label("job"), s.label("instance")), s.value())));
    List<TargetHealth> targets = new ArrayList<>();
    values.getOrDefault("up", Map.of()).forEach((id, up) -> {
      boolean isUp = up == 1;
      double at = values.getOrDefault("timestamp(up)", Map.of()).getOrDefault(id, Double.NaN);
      targets.add(new TargetHealth(id.job(), id.instance(), "", isUp,
          isUp && Double.isFinite(at) ? Optional.of(Instant.ofEpochMilli(Math.round(at * 1000))) : Optional.empty(),
          isUp ? Optional.empty() : Optional.of("up == 0 in Prometheus (its targets page has the scrape error)"),
          0, values.getOrDefault("scrape_duration_seconds", Map.of()).getOrDefault(id, Double.NaN),
          Math.round(values.getOrDefault("scrape_samples_scraped", Map.of()).getOrDefault(id, 0.0))));
    });
    targets.sort(java.util.Comparator.comparing(TargetHealth::identity));
    return targets;
  }

  /** The round's answers by {@link FleetQueries} key, once all are in (a missing key: not asked). */
  private CompletableFuture<Map<String, List<VectorSample>>> ask(long fromMillis, long toMillis, String group,
      Set<Statistic> needs) {
    if (toMillis <= fromMillis) {
      throw empty(fromMillis, toMillis);
    }
    Map<String, CompletableFuture<List<VectorSample>>> pending = new HashMap<>();
    FleetQueries.all(toMillis - fromMillis, group, needs).forEach((key, promql) -> pending.put(key,
        api.query(promql, toMillis)));
    return PrometheusApi.all(pending);
  }

  private static IllegalArgumentException empty(long fromMillis, long toMillis) {
    return new IllegalArgumentException("window must be greater than zero, was " + (toMillis - fromMillis) + " ms");
  }

  /** Queries sent since start (answered or failed): what one evaluation cycle costs Prometheus. */
  public long queries() {
    return api.queries();
  }

  /** Response bytes read since start. */
  public long bytesRead() {
    return api.bytesRead();
  }

  @Override
  public long nowMillis() {
    return clock.getAsLong();
  }

  @Override
  public String describe() {
    return "Prometheus at " + api.base();
  }
}
