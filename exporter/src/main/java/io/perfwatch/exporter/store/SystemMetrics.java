package io.perfwatch.exporter.store;

import java.util.Map;
import java.util.Objects;

/**
 * One host sample: the spec's {@code SystemMetrics}. A reading that failed is {@code NaN}, never a made-up 0.
 *
 * @param diskUsagePercent used percentage per mount point (at most the sampler's mount cap)
 * @param activeConnections open minus closed connections through the instrumented DataSources
 * @param requestRate requests per minute over the last full minute
 * @param activeRequests requests in flight when the sample was taken
 * @param heapAfterGcMb the JVM's long-lived heap (old generation) in use right after the latest garbage collection,
 *     in MiB; NaN before the first collection and for sources that do not report it
 */
public record SystemMetrics(
    long timestampMillis,
    double cpuPercent,
    double processCpuPercent,
    double memoryPercent,
    double memoryUsedMb,
    Map<String, Double> diskUsagePercent,
    long activeConnections,
    double requestRate,
    long activeRequests,
    double heapAfterGcMb) {

  public SystemMetrics {
    diskUsagePercent = Map.copyOf(Objects.requireNonNull(diskUsagePercent, "diskUsagePercent"));
  }

  /** A sample without a heap-after-GC reading (a scraped or queried source that does not report one). */
  public SystemMetrics(long timestampMillis, double cpuPercent, double processCpuPercent, double memoryPercent,
      double memoryUsedMb, Map<String, Double> diskUsagePercent, long activeConnections, double requestRate,
      long activeRequests) {
    this(timestampMillis, cpuPercent, processCpuPercent, memoryPercent, memoryUsedMb, diskUsagePercent,
        activeConnections, requestRate, activeRequests, Double.NaN);
  }

  /** The fullest mount, which is the one that matters for an exhaustion alert; NaN when no mount was read. */
  public double maxDiskUsagePercent() {
    return diskUsagePercent.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
