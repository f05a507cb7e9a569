package io.perfwatch.exporter.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Merges the rollups of one window into the store's answer records. Runs on the caller's thread, off the hot path. */
final class WindowQuery {
  private static final String ALL = "*";
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration HOUR = Duration.ofHours(1);
  // Written out rather than chained (comparingLong(..).reversed().thenComparing(..)): every window query sorts all
  // endpoints, and the chain's nested lambdas cost several times the comparisons themselves.
  private static final Comparator<EndpointStats> BUSIEST_FIRST = (a, b) -> {
    int c = Long.compare(b.count(), a.count());
    if (c == 0) {
      c = a.route().compareTo(b.route());
    }
    return c != 0 ? c : a.method().compareTo(b.method());
  };
  private static final Comparator<QueryStats> COSTLIEST_FIRST = (a, b) -> {
    int c = Double.compare(b.totalMs(), a.totalMs());
    return c != 0 ? c : a.fingerprint().compareTo(b.fingerprint());
  };

  private final long fromMillis;
  private final long toMillis;

  WindowQuery(long fromMillis, long toMillis) {
    this.fromMillis = fromMillis;
    this.toMillis = toMillis;
  }

  /** The window's length in milliseconds, after checking it is positive and at most {@code historyHours}. */
  static long windowMillis(Duration window, int historyHours) {
    Objects.requireNonNull(window, "window");
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be greater than zero, was " + window);
    }
    if (window.compareTo(Duration.ofHours(historyHours)) > 0) {
      throw new IllegalArgumentException("window must be at most " + historyHours
          + " hours (the store's historyHours), was " + window);
    }
    return window.toMillis();
  }

  /** The step in milliseconds, after checking it is a minute (for windows up to an hour) or an hour. */
  static long stepMillis(Duration window, Duration step) {
    Objects.requireNonNull(step, "step");
    if (!step.equals(MINUTE) && !step.equals(HOUR)) {
      throw new IllegalArgumentException("step must be PT1M or PT1H, was " + step);
    }
    if (step.equals(MINUTE) && window.compareTo(HOUR) > 0) {
      throw new IllegalArgumentException("a per-minute series covers at most PT1H (minute rollups are kept for 60 "
          + "minutes), was " + window + "; use step PT1H");
    }
    return step.toMillis();
  }

  WindowStats stats(
      BoundedTable<RequestAccumulator, RequestRollup> endpoints,
      BoundedTable<QueryAccumulator, QueryRollup> queries,
      BoundedTable<TenantAccumulator, TenantRollup> tenants,
      List<NPlusOneFinding> nPlusOne,
      List<SystemMetrics> system) {
    List<EndpointStats> endpointStats = new ArrayList<>();
    List<RequestRollup> all = new ArrayList<>();
    endpoints.forEach((method, route, series) -> {
      List<TimeSeries.Cell<RequestRollup>> cells = series.cells(fromMillis, toMillis);
      if (!cells.isEmpty()) { // one merge of all the cells' bins, not one per cell (a day has 85 cells)
        RequestRollup rollup = RequestRollup.mergeAll(cells.stream().map(TimeSeries.Cell::rollup).toList());
        endpointStats.add(rollup.toStats(method, route));
        all.add(rollup);
      }
    });
    RequestRollup total = RequestRollup.mergeAll(all);
    endpointStats.sort(BUSIEST_FIRST);

    List<QueryStats> queryStats = new ArrayList<>();
    queries.forEach((none, fingerprint, series) -> {
      QueryRollup rollup = merged(series);
      if (rollup != null) {
        queryStats.add(rollup.toStats(fingerprint));
      }
    });
    queryStats.sort(COSTLIEST_FIRST);

    Map<String, Long> byTenant = new HashMap<>();
    tenants.forEach((none, tenant, series) -> {
      TenantRollup rollup = merged(series);
      if (rollup != null) {
        byTenant.put(tenant, rollup.requests());
      }
    });
    return new WindowStats(fromMillis, toMillis, total.toStats(ALL, ALL), endpointStats, queryStats, nPlusOne,
        system, byTenant);
  }

  /** One point per step start in the window, empty ones included; hour cells cannot be split into minutes. */
  List<SeriesPoint> series(@Nullable TimeSeries<RequestAccumulator, RequestRollup> series, long stepMillis) {
    long first = Math.floorDiv(fromMillis, stepMillis);
    long last = Math.floorDiv(toMillis, stepMillis);
    RequestRollup[] steps = new RequestRollup[(int) (last - first + 1)];
    Arrays.fill(steps, RequestRollup.EMPTY);
    if (series != null) {
      for (TimeSeries.Cell<RequestRollup> cell : series.cells(fromMillis, toMillis)) {
        boolean fits = !cell.hourly() || stepMillis == TimeSeries.HOUR_MILLIS;
        long index = Math.floorDiv(cell.startMillis(), stepMillis) - first;
        if (fits && index >= 0 && index < steps.length) {
          steps[(int) index] = steps[(int) index].merge(cell.rollup());
        }
      }
    }
    List<SeriesPoint> points = new ArrayList<>(steps.length);
    for (int i = 0; i < steps.length; i++) {
      points.add(steps[i].toPoint((first + i) * stepMillis));
    }
    return List.copyOf(points);
  }

  /** All cells of the window merged, or null when the key has none in it. */
  private <R extends Rollup<R>> @Nullable R merged(TimeSeries<?, R> series) {
    R merged = null;
    for (TimeSeries.Cell<R> cell : series.cells(fromMillis, toMillis)) {
      merged = merged == null ? cell.rollup() : merged.merge(cell.rollup());
    }
    return merged;
  }
}
