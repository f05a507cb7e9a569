package io.perfwatch.exporter;

/**
 * One reading of the host, from {@link LiveStatus#host()}; each field is NaN before the first sample and when its
 * probe call failed, never a made-up number.
 *
 * @param systemCpu system-wide CPU use since the previous sample, 0..1
 * @param processCpu this JVM's CPU use since the previous sample, 0..1 of all cores
 * @param memoryUsed physical memory in use, bytes
 * @param memoryTotal physical memory installed, bytes
 * @param load1m the system load average over the last minute
 */
public record HostReading(double systemCpu, double processCpu, double memoryUsed, double memoryTotal, double load1m) {
  /** No reading yet. */
  public static final HostReading ABSENT = new HostReading(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public double memoryPercent() {
    return memoryTotal > 0 ? memoryUsed * 100 / memoryTotal : Double.NaN;
  }
}
