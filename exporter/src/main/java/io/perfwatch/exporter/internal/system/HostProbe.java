package io.perfwatch.exporter.internal.system;

/**
 * What the sampler reads from the host; the seam between perfwatch and OSHI. Each method may throw: the sampler
 * turns a failed reading into an absent (NaN) value, never into a made-up number.
 */
interface HostProbe {

  /** System-wide CPU use since the previous call, 0..1. */
  double systemCpuLoad();

  /** This process's CPU use since the previous call, 0..1 of all cores. */
  double processCpuLoad();

  long memoryTotalBytes();

  long memoryAvailableBytes();

  double loadAverage1m();

  /** Local mount points to watch, read once at start-up. */
  Iterable<String> mountPoints();

  /** Used and total bytes of one mount: {@code [used, total]}. */
  long[] diskUsage(String mountPoint) throws java.io.IOException;
}
