package io.perfwatch.rules.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PromQL behind a fleet {@code WindowStats}, for a range {@code [R]} equal to the window. Counts come from
 * {@code increase()}, which extrapolates to the window's edges and so returns fractions; they are rounded to whole
 * requests. Averages divide {@code increase(_sum)} by {@code increase(_count)}, where the extrapolation cancels.
 */
final class FleetQueries {
  static final String REQUESTS = "requests";
  static final String DURATION_SUM = "duration_sum";
  static final String BUCKETS = "buckets";
  static final String MAX = "max";
  static final String QUERIES_SUM = "queries_sum";
  static final String QUERIES_COUNT = "queries_count";
  static final String DB_COUNT = "db_count";
  static final String DB_SUM = "db_sum";
  static final String DB_P95 = "db_p95";
  static final String DB_MAX = "db_max";
  static final String N_PLUS_ONE = "n_plus_one";
  static final String TENANTS = "tenants";
  static final String HOST = "host";
  /** The label naming the gauge of each answer to {@link #HOST}. */
  static final String GAUGE = "gauge";
  static final double[] QUANTILES = {0.5, 0.95, 0.99};
  static final String[] GAUGES = {"system_cpu_usage", "process_cpu_usage", "system_memory_used_bytes",
      "system_memory_total_bytes", "db_connections_active", "http_server_requests_active_seconds_active_count",
      "http_server_requests_active_seconds_count"};
  static final String[] DISK_GAUGES = {"system_disk_used_bytes", "system_disk_total_bytes"};

  private FleetQueries() {}

  /** Every query of the whole fleet merged, by its key (see {@link #all(long, String, Set)}). */
  static Map<String, String> all(long rangeMillis) {
    return all(rangeMillis, "", Statistic.all());
  }

  /**
   * The queries for {@code needs}, by key; the host gauges in one query ({@link #HOST}). {@code group} ("" or e.g. {@code "job, instance, "})
   * is kept by every aggregation, so one round of queries answers every service or instance at once; host gauges
   * are always per {@code job, instance}. Percentiles come from one query for the bucket rates per endpoint
   * ({@link #BUCKETS}): p50, p95, p99 and the total's are computed from it (see {@link HistogramQuantile}), where
   * six {@code histogram_quantile} queries would each make Prometheus read every bucket series of the range.
   */
  static Map<String, String> all(long rangeMillis, String group, Set<Statistic> needs) {
    String r = "[" + rangeMillis + "ms]";
    String g = group;
    Map<String, String> q = new LinkedHashMap<>();
    if (needs.contains(Statistic.REQUESTS)) {
      q.put(REQUESTS, "sum by (" + g + "method, uri, status) (increase(http_server_requests_seconds_count" + r
          + "))");
    }
    if (needs.contains(Statistic.DURATION)) {
      q.put(DURATION_SUM, "sum by (" + g + "method, uri) (increase(http_server_requests_seconds_sum" + r + "))");
    }
    if (needs.contains(Statistic.PERCENTILES)) {
      q.put(BUCKETS, "sum by (" + g + "le, method, uri) (rate(http_server_requests_seconds_bucket" + r + "))");
    }
    if (needs.contains(Statistic.MAX)) {
      q.put(MAX, "max by (" + g + "method, uri) (max_over_time(http_server_requests_seconds_max" + r + "))");
    }
    if (needs.contains(Statistic.QUERIES_PER_REQUEST)) {
      q.put(QUERIES_SUM, "sum by (" + g + "method, uri) (increase(db_queries_per_request_sum" + r + "))");
      q.put(QUERIES_COUNT, "sum by (" + g + "method, uri) (increase(db_queries_per_request_count" + r + "))");
    }
    if (needs.contains(Statistic.DATABASE)) {
      q.put(DB_COUNT, "sum by (" + g + "operation, table, outcome) (increase(db_query_duration_seconds_count" + r
          + "))");
      q.put(DB_SUM, "sum by (" + g + "operation, table) (increase(db_query_duration_seconds_sum" + r + "))");
      q.put(DB_P95, "histogram_quantile(0.95, sum by (" + g + "le, operation, table) "
          + "(rate(db_query_duration_seconds_bucket" + r + ")))");
      q.put(DB_MAX, "max by (" + g + "operation, table) (max_over_time(db_query_duration_seconds_max" + r + "))");
    }
    if (needs.contains(Statistic.N_PLUS_ONE)) {
      q.put(N_PLUS_ONE, "sum by (" + g + "method, uri, table) (increase(db_n_plus_one_total" + r + "))");
    }
    if (needs.contains(Statistic.TENANTS)) {
      q.put(TENANTS, "sum by (" + g + "tenant) (increase(http_server_tenant_requests_total" + r + "))");
    }
    if (needs.contains(Statistic.HOST)) { // one query, each gauge's answers tagged with its name
      List<String> gauges = new ArrayList<>();
      for (String gauge : GAUGES) {
        gauges.add(tagged(gauge, "max by (job, instance) (last_over_time(" + gauge + r + "))"));
      }
      for (String gauge : DISK_GAUGES) {
        gauges.add(tagged(gauge, "max by (job, instance, mount) (last_over_time(" + gauge + r + "))"));
      }
      q.put(HOST, String.join(" or ", gauges));
    }
    return q;
  }

  /** {@code promql}'s answers with the label {@value #GAUGE} set to {@code gauge} (it keeps no other but its group). */
  private static String tagged(String gauge, String promql) {
    return "label_replace(" + promql + ", \"" + GAUGE + "\", \"" + gauge + "\", \"\", \"\")";
  }
}
