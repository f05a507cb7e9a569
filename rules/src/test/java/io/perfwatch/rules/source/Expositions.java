package io.perfwatch.rules.source;

/** Hand-written expositions in Micrometer's shape, for exact increments. */
final class Expositions {
  private Expositions() {}

  /**
   * {@code GET /api/items/:id} with {@code ok} 200s and {@code failed} 503s; buckets 10 ms, 100 ms, +Inf with every
   * 200 in the first bucket and every 503 in the second; durations sum to 5 ms per 200 and 50 ms per 503.
   */
  static String http(long ok, long failed) {
    return "# HELP http_server_requests_seconds request duration\n"
        + "# TYPE http_server_requests_seconds histogram\n"
        + series("200", "SUCCESS", ok, ok, ok, ok * 0.005)
        + series("503", "SERVER_ERROR", 0, failed, failed, failed * 0.05)
        + "# TYPE http_server_requests_seconds_max gauge\n"
        + "http_server_requests_seconds_max{exception=\"None\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
        + "uri=\"/api/items/:id\"} 0.009\n"
        + "# TYPE system_cpu_usage gauge\nsystem_cpu_usage 0.25\n"
        + "# TYPE system_memory_used_bytes gauge\nsystem_memory_used_bytes 1073741824\n"
        + "# TYPE system_memory_total_bytes gauge\nsystem_memory_total_bytes 4294967296\n";
  }

  private static String series(String status, String outcome, long le10ms, long le100ms, long count, double sum) {
    String labels = "exception=\"None\",method=\"GET\",outcome=\"" + outcome + "\",status=\"" + status
        + "\",uri=\"/api/items/:id\"";
    return "http_server_requests_seconds_bucket{" + labels + ",le=\"0.01\"} " + le10ms + "\n"
        + "http_server_requests_seconds_bucket{" + labels + ",le=\"0.1\"} " + le100ms + "\n"
        + "http_server_requests_seconds_bucket{" + labels + ",le=\"+Inf\"} " + count + "\n"
        + "http_server_requests_seconds_count{" + labels + "} " + count + "\n"
        + "http_server_requests_seconds_sum{" + labels + "} " + sum + "\n";
  }
}
