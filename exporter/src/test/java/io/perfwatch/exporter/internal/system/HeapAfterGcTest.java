package io.perfwatch.exporter.internal.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapAfterGcTest {

  @Test
  void readsTheOldGenerationRightAfterAFullCollection() {
    try (HeapAfterGc heap = new HeapAfterGc()) {
      heap.start();
      System.gc();
      // after a full collection the old pool's collection usage is what the notification reported
      await().atMost(Duration.ofSeconds(10)).until(() -> heap.bytes() == longLivedCollectionUsage());
      assertThat(heap.bytes()).isPositive();
    }
  }

  @Test
  void namesTheLongLivedPoolsOfEachCollector() {
    assertThat(HeapAfterGc.longLived("G1 Old Gen")).isTrue();
    assertThat(HeapAfterGc.longLived("PS Old Gen")).isTrue();
    assertThat(HeapAfterGc.longLived("Tenured Gen")).isTrue();
    assertThat(HeapAfterGc.longLived("ZHeap")).isTrue();
    assertThat(HeapAfterGc.longLived("Shenandoah")).isTrue();
    assertThat(HeapAfterGc.longLived("G1 Eden Space")).isFalse();
    assertThat(HeapAfterGc.longLived("G1 Survivor Space")).isFalse();
    assertThat(HeapAfterGc.longLived("Metaspace")).isFalse();
  }

  @Test
  void isNaNBeforeItStarts() {
    assertThat(new HeapAfterGc().bytes()).isNaN();
  }

  private static double longLivedCollectionUsage() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getCollectionUsage();
      if (HeapAfterGc.longLived(pool.getName()) && after != null) {
        used += after.getUsed();
      }
    }
    return used;
  }
}
