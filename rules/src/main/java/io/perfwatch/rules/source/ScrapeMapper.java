package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.exporter.store.QueryAggregate;
import io.perfwatch.exporter.store.RequestAggregate;
import io.perfwatch.exporter.store.SystemMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the increments of one scrape into stores, in perfwatch's metric names (which are Micrometer's and Spring
 * Boot's for HTTP): requests per method, uri and status; statements per operation and table (fingerprint
 * {@code "<operation> <table>"}, as scrapes carry no SQL text); N+1 findings; one host sample from the gauges.
 */
final class ScrapeMapper {
  static final String HTTP = "http_server_requests_seconds";
  static final String QUERY = "db_query_duration_seconds";
  private static final double MIB = 1024.0 * 1024.0;

  private final int nPlusOneMinRepeats;

  /** {@code nPlusOneMinRepeats}: the target's threshold, the least a scraped finding can have repeated. */
  ScrapeMapper(int nPlusOneMinRepeats) {
    this.nPlusOneMinRepeats = nPlusOneMinRepeats;
  }

  void record(Map<SeriesKey, Double> deltas, Gauges gauges, long nowMillis, double elapsedMinutes,
      List<MetricsStore> stores) {
    Map<List<String>, HistogramDelta> requests = HistogramDelta.group(deltas, HTTP, List.of("method", "uri", "status"));
    Map<List<String>, Long> queriesPerEndpoint = new HashMap<>();
    HistogramDelta.group(deltas, "db_queries_per_request", List.of("method", "uri"))
        .forEach((endpoint, h) -> queriesPerEndpoint.put(endpoint, Math.round(h.sum())));
    long total = 0;
    for (Map.Entry<List<String>, HistogramDelta> entry : requests.entrySet()) {
      List<String> key = entry.getKey();
      HistogramDelta h = entry.getValue();
      int status = status(key.get(2));
      if (h.count() == 0 || status == 0) {
        continue; // no requests, or not a status code: nothing the store can file
      }
      Long queries = queriesPerEndpoint.remove(key.subList(0, 2));
      RequestAggregate aggregate = new RequestAggregate(nowMillis, key.get(0), key.get(1), status, h.count(),
          h.sumNanos(), h.maxNanos(gauges.max(HTTP + "_max", key, "method", "uri", "status")), h.buckets(),
          queries == null ? 0 : queries);
      stores.forEach(s -> s.recordAggregate(aggregate));
      total += h.count();
    }
    queriesPerEndpoint.forEach((endpoint, queries) -> { // statements whose requests fell in the previous scrape
      RequestAggregate onlyQueries = new RequestAggregate(nowMillis, endpoint.get(0), endpoint.get(1), 200, 0, 0, 0,
          List.of(), queries);
      stores.forEach(s -> s.recordAggregate(onlyQueries));
    });
    recordQueries(deltas, gauges, nowMillis, stores);
    deltas.forEach((key, delta) -> {
      if (key.name().equals("db_n_plus_one_total")) {
        NPlusOneFinding finding = new NPlusOneFinding(nowMillis, key.label("method"), key.label("uri"),
            key.label("table"), "SELECT " + key.label("table"), nPlusOneMinRepeats, 0);
        stores.forEach(s -> s.recordNPlusOne(finding, Math.round(delta)));
      }
    });
    double requestRate = elapsedMinutes > 0 ? total / elapsedMinutes : Double.NaN;
    system(gauges, nowMillis, requestRate).ifPresent(sample -> stores.forEach(s -> s.recordSystem(sample)));
  }

  private static void recordQueries(Map<SeriesKey, Double> deltas, Gauges gauges, long nowMillis,
      List<MetricsStore> stores) {
    Map<List<String>, HistogramDelta> byOutcome =
        HistogramDelta.group(deltas, QUERY, List.of("operation", "table", "outcome"));
    Map<List<String>, long[]> errors = new HashMap<>();
    byOutcome.forEach((key, h) -> errors.computeIfAbsent(key.subList(0, 2), k -> new long[1])[0] +=
        key.get(2).equals("success") ? 0 : h.count());
    HistogramDelta.group(deltas, QUERY, List.of("operation", "table")).forEach((key, h) -> {
      if (h.count() > 0) {
        long[] failed = errors.getOrDefault(key, new long[1]);
        QueryAggregate aggregate = new QueryAggregate(nowMillis, key.get(0) + " " + key.get(1), key.get(0),
            key.get(1), h.count(), Math.min(failed[0], h.count()), h.sumNanos(),
            h.maxNanos(gauges.max(QUERY + "_max", key, "operation", "table")), h.buckets());
        stores.forEach(s -> s.recordAggregate(aggregate));
      }
    });
  }

  private static Optional<SystemMetrics> system(Gauges g, long nowMillis, double requestRate) {
    if (!g.has("system_cpu_usage") && !g.has("system_memory_used_bytes")) {
      return Optional.empty();
    }
    Map<String, Double> disks = new HashMap<>();
    g.byLabel("system_disk_used_bytes", "mount").forEach((mount, used) -> {
      double size = g.byLabel("system_disk_total_bytes", "mount").getOrDefault(mount, Double.NaN);
      disks.put(mount, size > 0 ? used * 100 / size : Double.NaN);
    });
    double used = g.value("system_memory_used_bytes");
    double memoryTotal = g.value("system_memory_total_bytes");
    double active = g.has("http_server_requests_active_seconds_active_count")
        ? g.value("http_server_requests_active_seconds_active_count")
        : g.value("http_server_requests_active_seconds_count");
    return Optional.of(new SystemMetrics(nowMillis, g.value("system_cpu_usage") * 100,
        g.value("process_cpu_usage") * 100, memoryTotal > 0 ? used * 100 / memoryTotal : Double.NaN, used / MIB,
        disks, orMinusOne(g.value("db_connections_active")), requestRate, orMinusOne(active)));
  }

  /** Long fields cannot be NaN: -1 says the target does not export the value. */
  private static long orMinusOne(double value) {
    return Double.isFinite(value) ? Math.round(value) : -1;
  }

  private static int status(String text) {
    try {
      int status = Integer.parseInt(text);
      return status >= 100 && status <= 599 ? status : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
