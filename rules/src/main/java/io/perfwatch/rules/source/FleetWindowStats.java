package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.NPlusOneFinding;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.exporter.store.WindowStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One group's {@link WindowStats} from the answers to {@link FleetQueries} (a key not asked: an empty answer). */
final class FleetWindowStats {
  /** Scrapes carry no repeat count; findings report the default threshold as the least they repeated. */
  private static final int MIN_REPEATS = 5;
  /** Findings listed per endpoint and table at most; the endpoint's count stays exact. */
  private static final int MAX_FINDINGS = 1_000;

  private FleetWindowStats() {}

  static WindowStats of(long fromMillis, long toMillis, Map<String, List<VectorSample>> answers) {
    FleetStats stats = new FleetStats(answers);
    return new WindowStats(fromMillis, toMillis, stats.total(), stats.endpoints(), stats.queries(),
        nPlusOne(answers.getOrDefault(FleetQueries.N_PLUS_ONE, List.of()), toMillis), system(answers, toMillis),
        tenants(answers.getOrDefault(FleetQueries.TENANTS, List.of())));
  }

  private static List<NPlusOneFinding> nPlusOne(List<VectorSample> increases, long toMillis) {
    List<NPlusOneFinding> findings = new ArrayList<>();
    for (VectorSample s : increases) {
      long times = Math.min(MAX_FINDINGS, Math.round(s.value()));
      if (times > 0) {
        findings.addAll(Collections.nCopies((int) times, new NPlusOneFinding(toMillis, s.label("method"),
            s.label("uri"), s.label("table"), "SELECT " + s.label("table"), MIN_REPEATS, 0)));
      }
    }
    return findings;
  }

  /** One host sample per instance, its latest values in the window; NaN where it exports nothing (-1 for counts). */
  private static List<SystemMetrics> system(Map<String, List<VectorSample>> answers, long toMillis) {
    Map<Identity, Map<String, Double>> byInstance = new HashMap<>();
    Map<Identity, Map<String, Double[]>> disks = new HashMap<>(); // by mount: {used, total}
    for (VectorSample s : answers.getOrDefault(FleetQueries.HOST, List.of())) {
      Identity instance = new Identity(s.label("job"), s.label("instance"));
      String gauge = s.label(FleetQueries.GAUGE);
      if (gauge.startsWith("system_disk_")) {
        disks.computeIfAbsent(instance, i -> new HashMap<>()).computeIfAbsent(s.label("mount"), m -> new Double[2])
            [gauge.equals("system_disk_used_bytes") ? 0 : 1] = s.value();
      } else {
        byInstance.computeIfAbsent(instance, i -> new HashMap<>()).put(gauge, s.value());
      }
    }
    List<SystemMetrics> samples = new ArrayList<>();
    byInstance.forEach((instance, g) -> {
      Map<String, Double> percent = new HashMap<>();
      disks.getOrDefault(instance, Map.of()).forEach((mount, d) -> {
        if (d[0] != null && d[1] != null) {
          percent.put(mount, d[0] * 100 / d[1]);
        }
      });
      double used = g.getOrDefault("system_memory_used_bytes", Double.NaN);
      double total = g.getOrDefault("system_memory_total_bytes", Double.NaN);
      double active = g.getOrDefault("http_server_requests_active_seconds_active_count",
          g.getOrDefault("http_server_requests_active_seconds_count", Double.NaN));
      samples.add(new SystemMetrics(toMillis, g.getOrDefault("system_cpu_usage", Double.NaN) * 100,
          g.getOrDefault("process_cpu_usage", Double.NaN) * 100, used * 100 / total, used / (1024.0 * 1024.0),
          percent, count(g.getOrDefault("db_connections_active", Double.NaN)), Double.NaN, count(active)));
    });
    return samples;
  }

  private static long count(double value) {
    return Double.isFinite(value) ? Math.round(value) : -1;
  }

  private static Map<String, Long> tenants(List<VectorSample> increases) {
    Map<String, Long> tenants = new HashMap<>();
    increases.forEach(s -> tenants.merge(s.label("tenant"), Math.round(s.value()), Long::sum));
    tenants.values().removeIf(n -> n == 0);
    return tenants;
  }
}
