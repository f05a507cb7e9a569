package io.perfwatch.exporter.internal.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.exporter.store.SystemMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SystemSamplerTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<SystemMetrics> samples = new ArrayList<>();
  private final AtomicLong requests = new AtomicLong();

  private SystemSampler sampler(HostProbe probe) {
    return new SystemSampler(registry, 15,
        new SystemSampler.Sources(() -> 3, requests::get, () -> 2), samples::add, () -> probe);
  }

  /** A host whose readings the test chooses. */
  private static class FixedProbe implements HostProbe {
    @Override
    public double systemCpuLoad() {
      return 0.25;
    }

    @Override
    public double processCpuLoad() {
      return 0.05;
    }

    @Override
    public long memoryTotalBytes() {
      return 8L << 30;
    }

    @Override
    public long memoryAvailableBytes() {
      return 2L << 30;
    }

    @Override
    public double loadAverage1m() {
      return 1.5;
    }

    @Override
    public Iterable<String> mountPoints() {
      return List.of("/", "/data");
    }

    @Override
    public long[] diskUsage(String mountPoint) throws IOException {
      if ("/data".equals(mountPoint)) {
        throw new IOException("unmounted");
      }
      return new long[] {30L << 30, 120L << 30};
    }
  }

  @Test
  void publishesGaugesAndASample() {
    SystemSampler sampler = sampler(new FixedProbe());

    SystemMetrics sample = sampler.sample();

    assertThat(sample.cpuPercent()).isEqualTo(25.0);
    assertThat(sample.processCpuPercent()).isEqualTo(5.0);
    assertThat(sample.memoryPercent()).isEqualTo(75.0);
    assertThat(sample.memoryUsedMb()).isEqualTo(6144.0);
    assertThat(sample.diskUsagePercent()).containsExactlyEntriesOf(java.util.Map.of("/", 25.0));
    assertThat(sample.activeConnections()).isEqualTo(3);
    assertThat(sample.activeRequests()).isEqualTo(2);
    assertThat(samples).containsExactly(sample);
    assertThat(registry.get("system.cpu.usage").gauge().value()).isEqualTo(0.25);
    assertThat(registry.get("system.memory.used").gauge().value()).isEqualTo(6.0 * (1L << 30));
    assertThat(registry.get("system.memory.total").gauge().value()).isEqualTo(8.0 * (1L << 30));
    assertThat(registry.get("system.load.average.1m").gauge().value()).isEqualTo(1.5);
    assertThat(registry.get("system.disk.used").tag("mount", "/").gauge().value()).isEqualTo(30.0 * (1L << 30));
    assertThat(registry.get("system.disk.used").tag("mount", "/data").gauge().value()).isNaN();
  }

  @Test
  void requestRateIsPerMinuteBetweenSamples() {
    SystemSampler sampler = sampler(new FixedProbe());

    assertThat(sampler.sample().requestRate()).isNaN();
    requests.addAndGet(1000);
    double rate = sampler.sample().requestRate();

    assertThat(rate).isGreaterThan(1000); // 1000 requests within (much) less than a minute
  }

  @Test
  void aFailingProbeLeavesGaugesNaNAndTheSamplerRunning() {
    SystemSampler sampler = sampler(new FixedProbe() {
      @Override
      public double systemCpuLoad() {
        throw new IllegalStateException("no /proc/stat");
      }
    });

    SystemMetrics sample = sampler.sample();

    assertThat(sample.cpuPercent()).isNaN();
    assertThat(sample.memoryPercent()).isEqualTo(75.0);
    assertThat(registry.get("system.cpu.usage").gauge().value()).isNaN();
  }

  @Test
  void aProbeThatCannotStartLeavesEveryHostGaugeNaN() {
    SystemSampler sampler = new SystemSampler(registry, 15,
        new SystemSampler.Sources(() -> 0, () -> 0, () -> 0), samples::add, () -> {
          throw new UnsatisfiedLinkError("no native library");
        });

    SystemMetrics sample = sampler.sample();

    assertThat(sample.cpuPercent()).isNaN();
    assertThat(sample.memoryPercent()).isNaN();
    assertThat(sample.diskUsagePercent()).isEmpty();
    assertThat(registry.get("system.memory.used").gauge().value()).isNaN();
    assertThat(samples).hasSize(1);
  }

  @Test
  void readsThisHostThroughOshi() throws InterruptedException {
    SystemSampler sampler = new SystemSampler(registry, 15,
        new SystemSampler.Sources(() -> 0, () -> 0, () -> 0), samples::add);

    SystemMetrics first = sampler.sample();
    Thread.sleep(400); // OSHI caches CPU ticks for 300 ms: the second reading must span new ones
    SystemMetrics second = sampler.sample();

    assertThat(first.memoryPercent()).isBetween(0.0, 100.0);
    assertThat(first.memoryUsedMb()).isPositive();
    assertThat(first.diskUsagePercent()).isNotEmpty();
    assertThat(first.cpuPercent()).as("a CPU share needs two readings: none yet, not 0").isNaN();
    assertThat(first.processCpuPercent()).isNaN();
    assertThat(second.cpuPercent()).isBetween(0.0, 100.0);
    assertThat(second.processCpuPercent()).isBetween(0.0, 100.0);
  }

  @Test
  void keepsSamplingOnItsThreadAfterAnErrorFromOshi() {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    SystemSampler sampler = new SystemSampler(registry, 1, new SystemSampler.Sources(() -> 0, () -> 0, () -> 0),
        samples::add, () -> new FixedProbe() {
          @Override
          public Iterable<String> mountPoints() {
            throw new NoClassDefFoundError("com/sun/jna/Native");
          }

          @Override
          public double loadAverage1m() {
            if (calls.incrementAndGet() == 1) {
              throw new ExceptionInInitializerError("first read fails");
            }
            return 0.5;
          }
        });
    try {
      sampler.start();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> calls.get() >= 2 && registry.get("system.load.average.1m").gauge().value() == 0.5);
    } finally {
      sampler.close();
    }

    assertThat(registry.get("system.cpu.usage").gauge().value()).isEqualTo(0.25);
  }

  @Test
  void eachSampleCarriesTheOldGenerationAfterTheLatestCollection() {
    SystemSampler sampler = new SystemSampler(registry, 3600, new SystemSampler.Sources(() -> 0, () -> 0, () -> 0),
        samples::add, () -> null);
    try {
      sampler.start();
      System.gc();
      // after a full collection, the old pool's own collection usage holds what the notification reported
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
          sampler.sample().heapAfterGcMb() == oldGenerationAfterGcMb());
    } finally {
      sampler.close();
    }
    assertThat(samples.get(samples.size() - 1).heapAfterGcMb()).isPositive();
  }

  private static double oldGenerationAfterGcMb() {
    return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> HeapAfterGc.longLived(p.getName()) && p.getCollectionUsage() != null)
        .mapToLong(p -> p.getCollectionUsage().getUsed()).sum() / (1024.0 * 1024);
  }
}
