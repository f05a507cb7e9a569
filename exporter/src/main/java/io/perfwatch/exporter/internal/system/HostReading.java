package io.perfwatch.exporter.internal.system;

import java.util.function.DoubleSupplier;

/** One host reading; each field is NaN when its probe call failed. */
public record HostReading(double systemCpu, double processCpu, double memoryUsed, double memoryTotal, double load1m) {
  static final HostReading ABSENT = new HostReading(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public double memoryPercent() {
    return memoryTotal > 0 ? memoryUsed * 100 / memoryTotal : Double.NaN;
  }

  static HostReading read(HostProbe probe, SamplingFailures failures) {
    double total = read("memory total", () -> probe.memoryTotalBytes(), failures);
    double available = read("memory available", () -> probe.memoryAvailableBytes(), failures);
    return new HostReading(
        read("cpu", probe::systemCpuLoad, failures),
        read("process cpu", probe::processCpuLoad, failures),
        total - available,
        total,
        read("load average", probe::loadAverage1m, failures));
  }

  private static double read(String what, DoubleSupplier reading, SamplingFailures failures) {
    try {
      double value = reading.getAsDouble();
      failures.recovered(what);
      return value < 0 ? Double.NaN : value; // OSHI answers -1 where the OS has no such figure
    } catch (RuntimeException | LinkageError e) {
      failures.failed(what, e);
      return Double.NaN;
    }
  }
}
