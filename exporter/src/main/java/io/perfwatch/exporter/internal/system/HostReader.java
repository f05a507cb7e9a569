package io.perfwatch.exporter.internal.system;

import io.perfwatch.exporter.HostReading;
import java.util.function.DoubleSupplier;

/** Takes one {@link HostReading} from a probe: a failed call leaves its field NaN and is logged once. */
final class HostReader {
  private HostReader() {}

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
