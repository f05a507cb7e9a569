package io.perfwatch.service.api;

import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.source.EmptyStats;
import io.perfwatch.rules.source.SourceUnavailableException;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.source.TargetHealth;
import io.perfwatch.rules.source.WatchedSource;
import io.perfwatch.rules.yaml.Aggregation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the API adds over a fleet (scrape targets or Prometheus): the source's own state ({@code source}: up or down
 * since when), and which jobs and instances the answer covers with their targets' health ({@code fleet}). The
 * monitor's own host stays in {@code system_metrics}: fleet figures never mix with it.
 */
final class FleetView {
  private FleetView() {}

  /** The {@code source} block; present whenever the source is watched (always in the service). */
  static Map<String, Object> source(StatsSource source) {
    Map<String, Object> block = new LinkedHashMap<>();
    if (source instanceof WatchedSource watched) {
      WatchedSource.Status status = watched.status();
      block.put("kind", status.kind());
      block.put("up", status.up());
      block.put("down_since", status.downSince().orElse(null));
      block.put("last_error", status.lastError().orElse(null));
      block.put("outages", status.outages());
    }
    return block;
  }

  /** The {@code fleet} block: jobs, instances and targets up and down; empty lists while the source is down. */
  static Map<String, Object> fleet(StatsSource source) {
    List<TargetHealth> targets;
    try {
      targets = source.targets();
    } catch (SourceUnavailableException e) { // already in the source block
      targets = List.of();
    }
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("jobs", List.copyOf(new TreeSet<>(targets.stream().map(TargetHealth::job).toList())));
    block.put("instances", List.copyOf(new TreeSet<>(targets.stream().map(TargetHealth::instance).toList())));
    block.put("targets_up", targets.stream().filter(TargetHealth::up).count());
    block.put("targets_down", targets.stream().filter(t -> !t.up()).count());
    return block;
  }

  /**
   * The window of the last {@code minutes}: the whole source's, or with {@code ?job=} (and/or {@code ?instance=})
   * that service's or instance's alone; empty when nothing matches (the in-process store has no job).
   */
  static WindowStats window(StatsSource source, int minutes, QueryParams params) {
    long now = source.nowMillis();
    long from = now - minutes * 60_000L;
    String job = params.text("job");
    String instance = params.text("instance");
    if (job.isEmpty() && instance.isEmpty()) {
      return source.window(from, now);
    }
    Aggregation level = instance.isEmpty() ? Aggregation.SERVICE : Aggregation.INSTANCE;
    return source.windows(from, now, level).entrySet().stream()
        .filter(e -> (job.isEmpty() || e.getKey().job().equals(job))
            && (instance.isEmpty() || e.getKey().instance().equals(instance)))
        .map(Map.Entry::getValue).findFirst().orElseGet(() -> EmptyStats.of(from, now));
  }

  /** {@code body} plus, over a fleet, {@code fleet}: the jobs and instances the answer covers. */
  static Map<String, Object> covering(StatsSource source, QueryParams params, Map<String, Object> body) {
    if (!source.fleet()) {
      return body;
    }
    String job = params.text("job");
    String instance = params.text("instance");
    List<TargetHealth> targets = source.targets().stream()
        .filter(t -> (job.isEmpty() || t.job().equals(job)) && (instance.isEmpty() || t.instance().equals(instance)))
        .toList();
    Map<String, Object> covers = new LinkedHashMap<>();
    covers.put("jobs", List.copyOf(new TreeSet<>(targets.stream().map(TargetHealth::job).toList())));
    covers.put("instances", List.copyOf(new TreeSet<>(targets.stream().map(TargetHealth::instance).toList())));
    Map<String, Object> out = new LinkedHashMap<>(body);
    out.put("fleet", covers);
    return out;
  }

  /** One target as {@code GET /targets} lists it. */
  static Map<String, Object> target(TargetHealth t) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("job", t.job());
    body.put("instance", t.instance());
    body.put("target", t.target().isEmpty() ? null : t.target());
    body.put("up", t.up());
    body.put("last_success", t.lastSuccess().orElse(null));
    body.put("last_error", t.lastError().orElse(null));
    body.put("consecutive_failures", t.consecutiveFailures());
    body.put("scrape_duration_seconds", Double.isFinite(t.scrapeDurationSeconds()) ? t.scrapeDurationSeconds()
        : null);
    body.put("series", t.series());
    return body;
  }
}
