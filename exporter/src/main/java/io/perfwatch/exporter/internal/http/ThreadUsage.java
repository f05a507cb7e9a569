package io.perfwatch.exporter.internal.http;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time and allocated bytes of the current thread, for {@code PERFORMANCE_COLLECT_DETAILED_METRICS}. Looked up
 * only when detailed metrics are on; a JVM without the counters reports -1 instead of failing requests.
 */
final class ThreadUsage {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.ThreadMXBean allocations =
      threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported() ? sun : null;
  private final boolean cpu = threads.isCurrentThreadCpuTimeSupported();

  long cpuNanos() {
    return cpu ? threads.getCurrentThreadCpuTime() : -1;
  }

  long allocatedBytes() {
    return allocations != null ? allocations.getCurrentThreadAllocatedBytes() : -1;
  }
}
