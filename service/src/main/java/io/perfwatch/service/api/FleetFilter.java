package io.perfwatch.service.api;

import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.source.EmptyStats;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.source.TargetHealth;
import io.perfwatch.rules.yaml.Aggregation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fleet request's {@code ?job=} and {@code ?instance=}: which service or replica the answer is about ("" for
 * all), and the watched targets that it covers. Only a fleet source takes them (the in-process service lists no
 * such parameters, so they are refused as unknown); a job or instance that no watched target has is a 404 naming
 * it, never an answer of zeros that a typo would produce.
 *
 * @param targets the watched targets the filter covers, read once per request; empty in-process
 */
record FleetFilter(String job, String instance, List<TargetHealth> targets) {
  /** The in-process store: no jobs, no targets. */
  static final FleetFilter IN_PROCESS = new FleetFilter("", "", List.of());
  /** The parameters an endpoint adds over a fleet. */
  static final List<String> PARAMETERS = List.of("job", "instance");

  FleetFilter {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(instance, "instance");
    targets = List.copyOf(targets);
  }

  /**
   * The request's filter with the targets it covers ({@code job} and {@code instance} are "" when the endpoint
   * does not take them: all targets); {@link #IN_PROCESS} over the in-process store.
   */
  static FleetFilter of(QueryParams params, StatsSource source) {
    if (!source.fleet()) {
      return IN_PROCESS;
    }
    FleetFilter asked = new FleetFilter(params.text("job"), params.text("instance"), List.of());
    FleetFilter filter = new FleetFilter(asked.job, asked.instance,
        source.targets().stream().filter(asked::matches).toList());
    if (!filter.all() && filter.targets.isEmpty()) {
      throw ApiException.notFound("no watched target has " + filter.describe()
          + "; GET " + PerformanceRoutes.BASE + "/targets lists them");
    }
    return filter;
  }

  boolean all() {
    return job.isEmpty() && instance.isEmpty();
  }

  boolean matches(TargetHealth target) {
    return (job.isEmpty() || target.job().equals(job)) && (instance.isEmpty() || target.instance().equals(instance));
  }

  /** By the alert's {@code job} and {@code instance} (in its scope); a per-service alert has no instance. */
  boolean matches(Alert alert) {
    return (job.isEmpty() || job.equals(alert.scope().get("job")))
        && (instance.isEmpty() || instance.equals(alert.scope().get("instance")));
  }

  /**
   * The window of [fromMillis, toMillis]: the whole source's, or the service's or instance's alone; empty when
   * the service or instance has no data in it.
   */
  WindowStats window(StatsSource source, long fromMillis, long toMillis) {
    if (all()) {
      return source.window(fromMillis, toMillis);
    }
    Aggregation level = instance.isEmpty() ? Aggregation.SERVICE : Aggregation.INSTANCE;
    return source.windows(fromMillis, toMillis, level).entrySet().stream()
        .filter(e -> (job.isEmpty() || e.getKey().job().equals(job))
            && (instance.isEmpty() || e.getKey().instance().equals(instance)))
        .map(Map.Entry::getValue).findFirst().orElseGet(() -> EmptyStats.of(fromMillis, toMillis));
  }

  /** For messages: {@code job 'orders'}, {@code job 'orders' and instance '10.0.0.5:8080'}. */
  String describe() {
    String j = job.isEmpty() ? "" : "job " + ClientText.quote(job);
    String i = instance.isEmpty() ? "" : "instance " + ClientText.quote(instance);
    return j.isEmpty() || i.isEmpty() ? j + i : j + " and " + i;
  }
}
