package io.perfwatch.service.api;

import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.source.SourceUnavailableException;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.source.TargetHealth;
import io.perfwatch.rules.source.WatchedSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the API adds over a fleet (scrape targets or Prometheus): the source's own state ({@code source}: up or down
 * since when), and which jobs and instances an answer covers ({@code fleet}): by name in admin answers, as counts in
 * public ones (job and instance names are internal host names). The monitor's own host stays in
 * {@code system_metrics}: fleet figures never mix with it.
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

  /**
   * The public {@code fleet} block of {@code /health}: how many jobs and instances are watched and how many targets
   * are up and down, counts only (their names are internal host names: admin answers have them); zeros while the
   * source is down.
   */
  static Map<String, Object> fleet(StatsSource source) {
    List<TargetHealth> targets;
    try {
      targets = source.targets();
    } catch (SourceUnavailableException e) { // already in the source block
      targets = List.of();
    }
    Map<String, Object> block = counts(targets);
    block.put("targets_up", targets.stream().filter(TargetHealth::up).count());
    block.put("targets_down", targets.stream().filter(t -> !t.up()).count());
    return block;
  }

  /** {@code body} plus, over a fleet, {@code fleet}: the jobs and instances the answer covers, by name. */
  static Object covering(StatsSource source, FleetFilter filter, Object body) {
    if (!source.fleet()) {
      return body;
    }
    return with(body, names(filter.targets().stream().map(TargetHealth::job).toList(),
        filter.targets().stream().map(TargetHealth::instance).toList()));
  }

  /** As {@link #covering}, for a public answer: how many jobs and instances it covers, not their names. */
  static Object coveringCounts(StatsSource source, FleetFilter filter, Object body) {
    if (!source.fleet()) {
      return body;
    }
    return with(body, counts(filter.targets()));
  }

  /**
   * One alert plus, over a fleet, what it is about: its own {@code job} and {@code instance}; a per-service alert
   * covers its job's watched instances.
   */
  static Object coveringAlert(StatsSource source, Alert alert, Object body) {
    if (!source.fleet()) {
      return body;
    }
    String job = alert.scope().getOrDefault("job", "");
    String instance = alert.scope().getOrDefault("instance", "");
    List<TargetHealth> targets = source.targets().stream().filter(t -> job.isEmpty() || t.job().equals(job))
        .toList();
    return with(body, names(job.isEmpty() ? targets.stream().map(TargetHealth::job).toList() : List.of(job),
        instance.isEmpty() ? targets.stream().map(TargetHealth::instance).toList() : List.of(instance)));
  }

  private static Map<String, Object> names(List<String> jobs, List<String> instances) {
    Map<String, Object> covers = new LinkedHashMap<>();
    covers.put("jobs", List.copyOf(new TreeSet<>(jobs)));
    covers.put("instances", List.copyOf(new TreeSet<>(instances)));
    return covers;
  }

  private static Map<String, Object> counts(List<TargetHealth> targets) {
    Map<String, Object> covers = new LinkedHashMap<>();
    covers.put("jobs", targets.stream().map(TargetHealth::job).distinct().count());
    covers.put("instances", targets.stream().map(TargetHealth::instance).distinct().count());
    return covers;
  }

  private static Map<String, Object> with(Object body, Map<String, Object> covers) {
    Map<String, Object> out = asMap(body);
    out.put("fleet", covers);
    return out;
  }

  /** A map as it is, a report record as the map of its JSON (same keys, same values). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object body) {
    return body instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map)
        : Json.MAPPER.convertValue(body, LinkedHashMap.class);
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
