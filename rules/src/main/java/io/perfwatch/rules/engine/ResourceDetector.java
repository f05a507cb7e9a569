package io.perfwatch.rules.engine;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.SystemMetrics;
import io.perfwatch.exporter.store.WindowStats;
import io.perfwatch.rules.yaml.Resource;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Spec detector 5, over the window's host samples: average CPU and memory percent, the latest disk percent per
 * mount, the most requests in flight, and the trend of the JVM heap after GC (a leak; see {@link MemoryTrend}). NaN
 * readings are skipped, never counted as 0.
 */
final class ResourceDetector implements BottleneckDetector {

  @Override
  public List<Candidate> candidates(RuleDefinition rule, Windows windows) {
    Resource resource = rule.resource();
    if (resource == null) {
      throw new IllegalArgumentException("rule '" + rule.name() + "': detector resource needs a resource");
    }
    WindowStats w = windows.current(rule);
    List<SystemMetrics> samples = w.system();
    return switch (resource) {
      case CPU -> List.of(average(rule, samples, SystemMetrics::cpuPercent, "CPU usage",
          cpuAdvice(samples, busiest(w))));
      case MEMORY -> List.of(average(rule, samples, SystemMetrics::memoryPercent, "Memory usage",
          "Raise the instance's memory or heap, shrink caches, or add instances; check the heap after GC for growth."));
      case DISK -> disks(rule, samples);
      case CONCURRENCY -> List.of(concurrency(rule, samples, w));
      case MEMORY_LEAK -> List.of(leak(rule, MemoryTrend.of(samples)));
    };
  }

  /** Host samples are the traffic here; one valid reading is a verdict (the leak trend asks for more). */
  @Override
  public long minTraffic(RuleDefinition rule) {
    return 1;
  }

  private static Candidate average(RuleDefinition rule, List<SystemMetrics> samples,
      ToDoubleFunction<SystemMetrics> reading, String what, String advice) {
    double[] valid = samples.stream().mapToDouble(reading).filter(v -> !Double.isNaN(v)).toArray();
    double avg = valid.length == 0 ? Double.NaN : java.util.Arrays.stream(valid).average().orElseThrow();
    String summary = what + " averages " + Texts.num(avg) + "% over " + valid.length + " samples (threshold "
        + Texts.num(rule.threshold()) + "%)";
    return host(rule, avg, valid.length, true, Map.of("samples", valid.length), summary, advice);
  }

  private static List<Candidate> disks(RuleDefinition rule, List<SystemMetrics> samples) {
    Map<String, Double> latest = new TreeMap<>();
    for (SystemMetrics s : samples) {
      s.diskUsagePercent().forEach((mount, percent) -> {
        if (!Double.isNaN(percent)) {
          latest.put(mount, percent);
        }
      });
    }
    List<Candidate> candidates = new ArrayList<>();
    latest.forEach((mount, percent) -> candidates.add(Candidate.of(Map.of("resource", "disk", "mount", mount),
        percent, 1, true, new Candidate.Description(Map.of("resource", "disk", "mount", mount), Map.of("mount", mount),
        "Disk " + mount + " is " + Texts.num(percent) + "% full (threshold " + Texts.num(rule.threshold()) + "%)",
        "Free space on " + mount + ": rotate and compress logs, purge old data or temporary files, or grow the "
            + "volume."))));
    return candidates;
  }

  private static Candidate concurrency(RuleDefinition rule, List<SystemMetrics> samples, WindowStats w) {
    long max = samples.stream().mapToLong(SystemMetrics::activeRequests).max().orElse(0);
    // by average where no p95 is known: an app without buckets, or a fleet window (see FleetNeeds)
    String slowest = w.endpoints().stream().filter(e -> !Double.isNaN(e.p95Ms()))
        .max(Comparator.comparingDouble(EndpointStats::p95Ms))
        .map(e -> " (slowest endpoint: " + Endpoints.key(e) + ", p95 " + Texts.num(e.p95Ms()) + " ms)")
        .or(() -> w.endpoints().stream().max(Comparator.comparingDouble(EndpointStats::avgMs))
            .map(e -> " (slowest endpoint: " + Endpoints.key(e) + ", average " + Texts.num(e.avgMs()) + " ms)"))
        .orElse("");
    return host(rule, max, samples.size(), true, Map.of("samples", samples.size()),
        "Up to " + max + " requests in flight (threshold " + Texts.num(rule.threshold()) + ")",
        "Requests pile up" + slowest + ": add timeouts to slow dependencies, check thread and connection pool "
            + "sizes, move slow work to asynchronous tasks, or add instances behind the load balancer.");
  }

  private static Candidate leak(RuleDefinition rule, MemoryTrend trend) {
    String span = Texts.num(trend.spanMinutes()) + " minutes";
    String summary = "The JVM heap after GC (old generation) rose from " + Texts.num(trend.firstMb()) + " MB to "
        + Texts.num(trend.lastMb()) + " MB over the last " + span + " (" + Texts.num(trend.slopeMbPerMinute())
        + " MB/min, rising in " + trend.rises() + " of its " + trend.changes() + " changes; threshold "
        + Texts.num(rule.threshold()) + " MB/min)";
    boolean verdict = trend.covers(rule.window()) && trend.steady();
    String resource = rule.resource() == null ? "" : rule.resource().yamlName();
    return Candidate.of(Map.of("resource", resource), trend.slopeMbPerMinute(), trend.samples(), verdict,
        new Candidate.Description(Map.of("resource", resource, "count", Long.toString(trend.samples()), "span", span),
            Map.of("samples", trend.samples(), "span_minutes", Texts.number(trend.spanMinutes()),
                "first_mb", Texts.number(trend.firstMb()), "last_mb", Texts.number(trend.lastMb()),
                "rising_percent", Texts.number(trend.risingShare() * 100)),
            summary, "The heap left after garbage collection grows by " + Texts.num(trend.slopeMbPerMinute())
                + " MB a minute: compare two heap dumps taken minutes apart and look for unbounded caches, "
                + "collections, listeners and ThreadLocals."));
  }

  private static Candidate host(RuleDefinition rule, double value, long samples, boolean qualified,
      Map<String, ?> details, String summary, String advice) {
    String resource = rule.resource() == null ? "" : rule.resource().yamlName();
    return Candidate.of(Map.of("resource", resource), value, samples, qualified, new Candidate.Description(
        Map.of("resource", resource, "count", Long.toString(samples)), details, summary, advice));
  }

  private static String busiest(WindowStats w) {
    return w.endpoints().stream().max(Comparator.comparingDouble(e -> e.count() * e.avgMs()))
        .map(Endpoints::key).orElse("");
  }

  private static String cpuAdvice(List<SystemMetrics> samples, String busiest) {
    double process = samples.stream().mapToDouble(SystemMetrics::processCpuPercent).filter(v -> !Double.isNaN(v))
        .average().orElse(Double.NaN);
    String who = Double.isNaN(process) ? "" : "this process uses " + Texts.num(process) + "% on average; ";
    String hot = busiest.isEmpty() ? "" : "profile " + busiest + ", the endpoint with the most total time; ";
    return Texts.capitalize(who + hot + "cache repeated computations, move heavy work to asynchronous tasks, or "
        + "scale out.");
  }
}
