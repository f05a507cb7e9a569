package io.perfwatch.service.api;

import io.perfwatch.exporter.HostReading;
import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.QueryStats;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.source.Coverage;
import io.perfwatch.service.report.Rate;
import io.perfwatch.service.report.Round;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /metrics}: the current window's request, database and (optionally) system figures. */
final class MetricsReport {
  private final ApiContext ctx;
  private final Coverage coverage;

  MetricsReport(ApiContext ctx, Coverage coverage) {
    this.ctx = ctx;
    this.coverage = coverage;
  }

  Map<String, Object> of(WindowStats w, int minutes, boolean includeSystem) {
    EndpointStats t = w.total();
    Map<String, Object> requests = new LinkedHashMap<>();
    requests.put("total_requests", t.count());
    long collecting = coverage.collectingMillis(ctx.source().nowMillis());
    requests.put("requests_per_minute", Rate.perMinute(t.count(), minutes * 60_000L, collecting));
    requests.put("error_rate_percent", Round.of(t.errorRatePercent()));
    requests.put("server_errors", t.serverErrors());
    requests.put("client_errors", t.clientErrors());
    requests.put("avg_response_time_ms", Round.of(t.avgMs()));
    requests.put("p50_response_time_ms", Round.of(t.p50Ms()));
    requests.put("p95_response_time_ms", Round.of(t.p95Ms()));
    requests.put("p99_response_time_ms", Round.of(t.p99Ms()));
    requests.put("max_response_time_ms", Round.of(t.maxMs()));
    requests.put("avg_queries_per_request", Round.of(t.avgQueriesPerRequest()));
    long queries = w.queries().stream().mapToLong(QueryStats::count).sum();
    double queryMs = w.queries().stream().mapToDouble(QueryStats::totalMs).sum();
    double slowMs = ctx.perfwatch().config().thresholds().maxQueryTimeMs();
    Map<String, Object> database = new LinkedHashMap<>();
    database.put("total_queries", queries);
    database.put("avg_query_time_ms", queries == 0 ? 0.0 : Round.of(queryMs / queries));
    database.put("slow_queries", w.queries().stream().filter(q -> q.avgMs() > slowMs).mapToLong(QueryStats::count)
        .sum());
    database.put("n_plus_one_findings", w.nPlusOne().size());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("timestamp", Instant.ofEpochMilli(w.toMillis()));
    body.put("window_minutes", minutes);
    body.put("requests", requests);
    body.put("database", database);
    if (includeSystem) {
      body.put("system", system(w.system()));
    }
    return body;
  }

  private Map<String, Object> system(List<SystemMetrics> samples) {
    HostReading host = ctx.perfwatch().stats().live().host();
    SystemMetrics last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
    Map<String, Object> system = new LinkedHashMap<>();
    system.put("cpu_percent", Round.of(host.systemCpu() * 100));
    system.put("memory_percent", Round.of(host.memoryPercent()));
    system.put("memory_used_mb", Round.of(host.memoryUsed() / (1024 * 1024)));
    system.put("disk_usage_percent", last == null ? Double.NaN : Round.of(last.maxDiskUsagePercent()));
    system.put("active_connections", ctx.perfwatch().stats().live().activeConnections());
    system.put("active_requests", ctx.perfwatch().stats().live().activeRequests());
    system.put("request_rate", last == null ? Double.NaN : Round.of(last.requestRate()));
    return system;
  }
}
