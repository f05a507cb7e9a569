package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.QueryStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Builds endpoint and query statistics from the answers to {@link FleetQueries}. */
final class FleetStats {
  private final Map<String, List<VectorSample>> answers;

  FleetStats(Map<String, List<VectorSample>> answers) {
    this.answers = answers;
  }

  /** Per endpoint with at least one (rounded) request, busiest first. */
  List<EndpointStats> endpoints() {
    Map<List<String>, Map<Integer, Long>> statuses = new HashMap<>();
    for (VectorSample s : answers.get(FleetQueries.REQUESTS)) {
      long count = Math.round(s.value());
      if (count > 0) {
        statuses.computeIfAbsent(List.of(s.label("method"), s.label("uri")), k -> new HashMap<>())
            .merge(status(s.label("status")), count, Long::sum);
      }
    }
    List<EndpointStats> endpoints = new ArrayList<>();
    statuses.forEach((key, byStatus) -> endpoints.add(endpoint(key.get(0), key.get(1), byStatus,
        s -> s.label("method").equals(key.get(0)) && s.label("uri").equals(key.get(1)), "p")));
    endpoints.sort(Comparator.comparingLong(EndpointStats::count).reversed().thenComparing(EndpointStats::route)
        .thenComparing(EndpointStats::method));
    return endpoints;
  }

  EndpointStats total() {
    Map<Integer, Long> byStatus = new HashMap<>();
    for (VectorSample s : answers.get(FleetQueries.REQUESTS)) {
      long count = Math.round(s.value());
      if (count > 0) {
        byStatus.merge(status(s.label("status")), count, Long::sum);
      }
    }
    return endpoint("*", "*", byStatus, s -> true, "total_p");
  }

  private EndpointStats endpoint(String method, String route, Map<Integer, Long> byStatus,
      Predicate<VectorSample> mine, String quantilePrefix) {
    long count = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long server = byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    long client = byStatus.entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500)
        .mapToLong(Map.Entry::getValue).sum();
    double rawCount = sum(FleetQueries.REQUESTS, mine);
    double avgMs = rawCount > 0 ? sum(FleetQueries.DURATION_SUM, mine) / rawCount * 1000 : 0;
    double[] p = new double[FleetQueries.QUANTILES.length];
    for (int i = 0; i < p.length; i++) { // NaN when the app exports no buckets: unknown, not 0
      p[i] = max(quantilePrefix + FleetQueries.QUANTILES[i], mine) * 1000;
    }
    double queries = sum(FleetQueries.QUERIES_COUNT, mine);
    return new EndpointStats(method, route, count, server, client, count == 0 ? 0 : 100.0 * server / count, byStatus,
        avgMs, p[0], p[1], p[2], max(FleetQueries.MAX, mine) * 1000,
        queries > 0 ? sum(FleetQueries.QUERIES_SUM, mine) / queries : 0, 0,
        Math.round(sum(FleetQueries.N_PLUS_ONE, mine)));
  }

  /** Per operation and table with at least one (rounded) statement, most total time first. */
  List<QueryStats> queries() {
    Map<List<String>, long[]> counts = new HashMap<>(); // [count, errors]
    for (VectorSample s : answers.get(FleetQueries.DB_COUNT)) {
      long[] c = counts.computeIfAbsent(List.of(s.label("operation"), s.label("table")), k -> new long[2]);
      c[0] += Math.round(s.value());
      c[1] += s.label("outcome").equals("success") ? 0 : Math.round(s.value());
    }
    List<QueryStats> queries = new ArrayList<>();
    counts.forEach((key, c) -> {
      if (c[0] > 0) {
        Predicate<VectorSample> mine =
            s -> s.label("operation").equals(key.get(0)) && s.label("table").equals(key.get(1));
        double rawCount = answers.get(FleetQueries.DB_COUNT).stream().filter(mine).mapToDouble(VectorSample::value)
            .sum();
        double totalMs = sum(FleetQueries.DB_SUM, mine) * 1000;
        queries.add(new QueryStats(key.get(0) + " " + key.get(1), key.get(0), key.get(1), c[0], c[1],
            totalMs / rawCount, max(FleetQueries.DB_P95, mine) * 1000, max(FleetQueries.DB_MAX, mine) * 1000,
            totalMs));
      }
    });
    queries.sort(Comparator.comparingDouble(QueryStats::totalMs).reversed().thenComparing(QueryStats::fingerprint));
    return queries;
  }

  private double sum(String key, Predicate<VectorSample> mine) {
    return answers.get(key).stream().filter(mine).mapToDouble(VectorSample::value).filter(Double::isFinite).sum();
  }

  private double max(String key, Predicate<VectorSample> mine) {
    return answers.get(key).stream().filter(mine).mapToDouble(VectorSample::value).filter(v -> !Double.isNaN(v))
        .max().orElse(Double.NaN);
  }


  private static int status(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
