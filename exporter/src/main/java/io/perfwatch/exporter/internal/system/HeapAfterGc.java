package io.perfwatch.exporter.internal.system;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's long-lived heap (the old or tenured generation, or the single heap of ZGC and Shenandoah) in use right
 * after the latest garbage collection, from the collectors' notifications: what a leak makes grow, unlike the used
 * heap (which saws with every allocation burst) or the host's memory (every process on the machine). G1 on Java 17
 * updates the old pool's {@code getCollectionUsage()} only after a full GC, so the notification of every collection,
 * young ones included, is the reading that moves. NaN until the first collection: no reading is invented.
 */
final class HeapAfterGc implements NotificationListener, AutoCloseable {
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private volatile double bytes = Double.NaN;

  /** Starts listening; a collection that already ran leaves its reading in the pools' collection usage. */
  synchronized void start() {
    if (!emitters.isEmpty() || !notificationsAvailable()) {
      return;
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getCollectionUsage();
      if (longLived(pool.getName()) && after != null) {
        used += after.getUsed();
      }
    }
    if (used > 0) {
      bytes = used;
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, n -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
            .equals(n.getType()), null);
        emitters.add(emitter);
      }
    }
  }

  /** Bytes of the long-lived pools after the latest collection; NaN before the first one. */
  double bytes() {
    return bytes;
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    boolean seen = false;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (longLived(pool.getKey())) {
        used += pool.getValue().getUsed();
        seen = true;
      }
    }
    if (seen) {
      bytes = used;
    }
  }

  /** The pools Micrometer's {@code JvmMemory.isLongLivedPool} names, plus generational ZGC's old generation. */
  static boolean longLived(String pool) {
    return pool.endsWith("Old Gen") || pool.endsWith("Tenured Gen") || pool.contains("tenured")
        || pool.endsWith("balanced-old") || pool.equals("Shenandoah") || pool.equals("ZHeap")
        || pool.equals("ZGC Old Generation") || pool.equals("JavaHeap");
  }

  @Override
  public synchronized void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(this);
      } catch (ListenerNotFoundException e) {
        // already gone: nothing holds this listener any more
      }
    }
    emitters.clear();
  }

  /** {@code com.sun.management} is in the JDK's jdk.management module, absent from some runtimes. */
  private static boolean notificationsAvailable() {
    try {
      Class.forName("com.sun.management.GarbageCollectionNotificationInfo", false,
          HeapAfterGc.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
