package io.perfwatch.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The heap still in use after full collections: what the objects reachable at that moment retain. */
public final class RetainedHeap {
  private RetainedHeap() {}

  /** Bytes in use after full collections, repeated until two agree within 1 % (at most ten). */
  public static long bytes() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      memory.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) <= used / 100) {
        return used;
      }
      previous = used;
    }
    return previous;
  }
}
