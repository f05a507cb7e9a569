package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.QueryStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Builds endpoint and query statistics from the answers to {@link FleetQueries}. */
final class FleetStats {
  private final Map<String, List<VectorSample>> answers;
  /** Bucket rates by endpoint ({@code method, uri}), then by upper bound; equal bounds added up. */
  private final Map<List<String>, Map<Double, Double>> buckets = new HashMap<>();
  private final Map<Double, Double> totalBuckets = new HashMap<>();
  /** Each answer's samples by endpoint, indexed when first asked: a per-instance answer has thousands. */
  private final Map<String, Map<List<String>, List<VectorSample>>> byEndpoint = new HashMap<>();

  /** {@code answers} by {@link FleetQueries} key; a key not asked for is an empty answer. */
  FleetStats(Map<String, List<VectorSample>> answers) {
    this.answers = answers;
    for (VectorSample s : answer(FleetQueries.BUCKETS)) {
      double bound = bound(s.label("le"));
      if (!Double.isNaN(bound)) { // as Prometheus: a bucket without a readable le is skipped
        buckets.computeIfAbsent(List.of(s.label("method"), s.label("uri")), k -> new HashMap<>())
            .merge(bound, s.value(), Double::sum);
        totalBuckets.merge(bound, s.value(), Double::sum);
      }
    }
  }

  /** Per endpoint with at least one (rounded) request, busiest first. */
  List<EndpointStats> endpoints() {
    Map<List<String>, Map<Integer, Long>> statuses = new HashMap<>();
    for (VectorSample s : answer(FleetQueries.REQUESTS)) {
      long count = Math.round(s.value());
      if (count > 0) {
        statuses.computeIfAbsent(List.of(s.label("method"), s.label("uri")), k -> new HashMap<>())
            .merge(status(s.label("status")), count, Long::sum);
      }
    }
    List<EndpointStats> endpoints = new ArrayList<>();
    statuses.forEach((key, byStatus) -> endpoints.add(endpoint(key.get(0), key.get(1), byStatus,
        key, buckets.getOrDefault(key, Map.of()))));
    endpoints.sort(Comparator.comparingLong(EndpointStats::count).reversed().thenComparing(EndpointStats::route)
        .thenComparing(EndpointStats::method));
    return endpoints;
  }

  EndpointStats total() {
    Map<Integer, Long> byStatus = new HashMap<>();
    for (VectorSample s : answer(FleetQueries.REQUESTS)) {
      long count = Math.round(s.value());
      if (count > 0) {
        byStatus.merge(status(s.label("status")), count, Long::sum);
      }
    }
    return endpoint("*", "*", byStatus, null, totalBuckets);
  }

  private EndpointStats endpoint(String method, String route, Map<Integer, Long> byStatus,
      @Nullable List<String> mine, Map<Double, Double> histogram) {
    long count = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long server = byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    long client = byStatus.entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500)
        .mapToLong(Map.Entry::getValue).sum();
    double rawCount = sum(FleetQueries.REQUESTS, mine);
    double avgMs = rawCount > 0 ? sum(FleetQueries.DURATION_SUM, mine) / rawCount * 1000 : 0;
    double[] bounds = histogram.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    double[] counts = histogram.values().stream().mapToDouble(Double::doubleValue).toArray();
    double[] p = new double[FleetQueries.QUANTILES.length];
    for (int i = 0; i < p.length; i++) { // NaN when the app exports no buckets: unknown, not 0
      p[i] = HistogramQuantile.of(FleetQueries.QUANTILES[i], bounds, counts) * 1000;
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
    for (VectorSample s : answer(FleetQueries.DB_COUNT)) {
      long[] c = counts.computeIfAbsent(List.of(s.label("operation"), s.label("table")), k -> new long[2]);
      c[0] += Math.round(s.value());
      c[1] += s.label("outcome").equals("success") ? 0 : Math.round(s.value());
    }
    List<QueryStats> queries = new ArrayList<>();
    counts.forEach((key, c) -> {
      if (c[0] > 0) {
        Predicate<VectorSample> mine =
            s -> s.label("operation").equals(key.get(0)) && s.label("table").equals(key.get(1));
        double rawCount = answer(FleetQueries.DB_COUNT).stream().filter(mine).mapToDouble(VectorSample::value)
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

  /** {@code key}'s samples of endpoint {@code mine} ({@code method, uri}), or all of them for null. */
  private List<VectorSample> samples(String key, @Nullable List<String> mine) {
    if (mine == null) {
      return answer(key);
    }
    return byEndpoint.computeIfAbsent(key, k -> {
      Map<List<String>, List<VectorSample>> index = new HashMap<>();
      answer(k).forEach(s -> index.computeIfAbsent(List.of(s.label("method"), s.label("uri")), e -> new ArrayList<>())
          .add(s));
      return index;
    }).getOrDefault(mine, List.of());
  }

  private double sum(String key, @Nullable List<String> mine) {
    return sum(samples(key, mine));
  }

  private double max(String key, @Nullable List<String> mine) {
    return max(samples(key, mine));
  }

  private double sum(String key, Predicate<VectorSample> mine) {
    return sum(answer(key).stream().filter(mine).toList());
  }

  private static double sum(List<VectorSample> samples) {
    return samples.stream().mapToDouble(VectorSample::value).filter(Double::isFinite).sum();
  }

  private double max(String key, Predicate<VectorSample> mine) {
    return max(answer(key).stream().filter(mine).toList());
  }

  private static double max(List<VectorSample> samples) {
    return samples.stream().mapToDouble(VectorSample::value).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
  }

  private List<VectorSample> answer(String key) {
    return answers.getOrDefault(key, List.of());
  }

  /** An {@code le} value as Prometheus (Go's ParseFloat) reads it, {@code +Inf} included; NaN if unreadable. */
  private static double bound(String le) {
    String unsigned = le.startsWith("+") || le.startsWith("-") ? le.substring(1) : le;
    if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
      return le.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    try {
      return Double.parseDouble(le);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static int status(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
