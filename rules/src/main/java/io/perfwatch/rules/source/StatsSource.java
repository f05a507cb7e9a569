package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.yaml.Aggregation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** What the rule engine evaluates over: windowed statistics from the in-process store, scrapes or Prometheus. */
public interface StatsSource {
  /** Statistics of [fromMillis, toMillis] (epoch milliseconds). */
  WindowStats window(long fromMillis, long toMillis);

  /**
   * The windows of [fromMillis, toMillis] per service or per instance that has data in it, each under its
   * {@link Identity}; the in-process store answers one window under {@link Identity#NONE}. A fleet source answers
   * every group with the same number of queries, however many instances there are.
   */
  default Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level) {
    return Map.of(Identity.NONE, window(fromMillis, toMillis));
  }

  /**
   * As {@link #windows(long, long, Aggregation)}, for rules that read only {@code needs}: a fleet source asks its
   * server for nothing else (other families are absent from the windows); the others fill every family anyway.
   */
  default Map<Identity, WindowStats> windows(long fromMillis, long toMillis, Aggregation level,
      Set<Statistic> needs) {
    return windows(fromMillis, toMillis, level);
  }

  /**
   * Several windows at once, each answer (or failure) under its request: a fleet source sends the queries of all of
   * them together, so that the server works on them in parallel and the rules wait for the slowest round rather
   * than for the sum of them. By default one after the other, done when this returns.
   */
  default Map<WindowRequest, CompletableFuture<Map<Identity, WindowStats>>> windows(List<WindowRequest> requests) {
    Map<WindowRequest, CompletableFuture<Map<Identity, WindowStats>>> answers = new LinkedHashMap<>();
    for (WindowRequest r : requests) {
      CompletableFuture<Map<Identity, WindowStats>> answer;
      try {
        answer = CompletableFuture.completedFuture(windows(r.fromMillis(), r.toMillis(), r.level(), r.needs()));
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answers.put(r, answer);
    }
    return answers;
  }

  /** Whether observations carry a {@code job} (and {@code instance}): scrape targets or Prometheus. */
  default boolean fleet() {
    return false;
  }

  /**
   * Whether the source keeps a history of its own from before this process started (a Prometheus server), so a
   * window is covered in full; the in-process store and scrapes have data only since the start.
   */
  default boolean ownHistory() {
    return false;
  }

  /**
   * The health of every watched target (scrape target or instance Prometheus scrapes), by job and instance;
   * empty for the in-process store. A fleet source that cannot be asked right now throws.
   */
  default List<TargetHealth> targets() {
    return List.of();
  }

  /** The source's clock; rules evaluate the window ending now. */
  long nowMillis();

  /** One line for logs and the API, e.g. {@code scrape http://orders:8080/metrics}. */
  String describe();

  /**
   * Why recent windows may lack data (a scrape target that is down), so rules can tell "quiet" from "unknown";
   * empty while the source is fresh.
   */
  default Optional<String> staleness() {
    return Optional.empty();
  }
}
