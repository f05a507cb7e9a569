package io.perfwatch.exporter.internal.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.exporter.HostReading;
import io.perfwatch.exporter.store.SystemMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the host on its own daemon thread every {@code PERFORMANCE_SYSTEM_SAMPLE_SECONDS}, never on a request
 * thread (OSHI's first read costs ~300 ms). Publishes the {@code system.*} gauges and one {@link SystemMetrics} per
 * sample. A failed reading leaves its gauge NaN and is logged once until it recovers; it never stops the app.
 */
public final class SystemSampler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SystemSampler.class);

  private final MeterRegistry registry;
  private final int periodSeconds;
  private final Supplier<HostProbe> probeFactory;
  private final Sources sources;
  private final Consumer<SystemMetrics> sink;
  private final Map<String, double[]> disks = new ConcurrentHashMap<>(); // mount -> {used, total}
  private final SamplingFailures failures = new SamplingFailures(LOG);
  private final HeapAfterGc heapAfterGc = new HeapAfterGc();
  private volatile HostReading latest = HostReading.ABSENT;
  private @Nullable HostProbe probe;
  private @Nullable Iterable<String> mounts;
  private long previousRequests = -1;
  private long previousMillis;
  private @Nullable ScheduledExecutorService executor;

  /** Where the non-host parts of a sample come from. */
  public record Sources(LongSupplier activeConnections, LongSupplier requestCount, LongSupplier activeRequests) {}

  public SystemSampler(MeterRegistry registry, int periodSeconds, Sources sources, Consumer<SystemMetrics> sink) {
    this(registry, periodSeconds, sources, sink, OshiHostProbe::new);
  }

  SystemSampler(MeterRegistry registry, int periodSeconds, Sources sources, Consumer<SystemMetrics> sink,
      Supplier<HostProbe> probeFactory) {
    this.registry = registry;
    this.periodSeconds = periodSeconds;
    this.sources = sources;
    this.sink = sink;
    this.probeFactory = probeFactory;
    gauge("system.cpu.usage", "System-wide CPU use, 0..1", null, r -> r.systemCpu());
    gauge("process.cpu.usage", "CPU use of this JVM process, 0..1 of all cores", null, r -> r.processCpu());
    gauge("system.memory.used", "Physical memory in use", "bytes", r -> r.memoryUsed());
    gauge("system.memory.total", "Physical memory installed", "bytes", r -> r.memoryTotal());
    gauge("system.load.average.1m", "System load average over the last minute", null, r -> r.load1m());
  }

  /** Takes the first sample now on the sampler thread, then one every period. */
  public synchronized void start() {
    if (executor == null) {
      heapAfterGc.start();
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perfwatch-system-sampler");
        t.setDaemon(true);
        return t;
      });
      executor.scheduleAtFixedRate(this::sampleQuietly, 0, periodSeconds, TimeUnit.SECONDS);
    }
  }

  /** One sample, synchronously; public for tests and for an immediate analysis. */
  public synchronized SystemMetrics sample() {
    HostProbe p = probe();
    HostReading reading = p == null ? HostReading.ABSENT : HostReader.read(p, failures);
    latest = reading;
    Map<String, Double> diskPercent = readDisks(p);
    long now = System.currentTimeMillis();
    long requests = sources.requestCount().getAsLong();
    double perMinute = previousRequests < 0 || now <= previousMillis ? Double.NaN
        : (requests - previousRequests) * 60_000.0 / (now - previousMillis);
    previousRequests = requests;
    previousMillis = now;
    SystemMetrics metrics = new SystemMetrics(now, reading.systemCpu() * 100, reading.processCpu() * 100,
        reading.memoryPercent(), reading.memoryUsed() / (1024 * 1024), diskPercent,
        sources.activeConnections().getAsLong(), perMinute, sources.activeRequests().getAsLong(),
        heapAfterGc.bytes() / (1024 * 1024));
    sink.accept(metrics);
    return metrics;
  }

  /** A task that throws is cancelled by the executor for good: nothing but a dying JVM may escape. */
  private void sampleQuietly() {
    try {
      sample();
      failures.recovered("sample");
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      failures.failed("sample", e);
    }
  }

  private @Nullable HostProbe probe() {
    if (probe == null) {
      try {
        probe = probeFactory.get();
        failures.recovered("probe");
      } catch (RuntimeException | LinkageError e) {
        failures.failed("probe", e);
      }
    }
    return probe;
  }

  private Map<String, Double> readDisks(@Nullable HostProbe p) {
    Map<String, Double> percent = new LinkedHashMap<>();
    if (p == null) {
      return percent;
    }
    if (mounts == null) {
      try {
        mounts = p.mountPoints();
        failures.recovered("mounts");
      } catch (RuntimeException | LinkageError e) {
        failures.failed("mounts", e);
        return percent;
      }
    }
    for (String mount : mounts) {
      double[] usage = disks.computeIfAbsent(mount, this::registerDisk);
      try {
        long[] read = p.diskUsage(mount);
        usage[0] = read[0];
        usage[1] = read[1];
        percent.put(mount, read[1] > 0 ? read[0] * 100.0 / read[1] : Double.NaN);
        failures.recovered("disk " + mount);
      } catch (Exception | LinkageError e) {
        usage[0] = Double.NaN;
        usage[1] = Double.NaN;
        failures.failed("disk " + mount, e);
      }
    }
    return percent;
  }

  private double[] registerDisk(String mount) {
    double[] usage = {Double.NaN, Double.NaN};
    Gauge.builder("system.disk.used", usage, u -> u[0]).description("Disk space in use, per mount")
        .baseUnit("bytes").tag("mount", mount).register(registry);
    Gauge.builder("system.disk.total", usage, u -> u[1]).description("Disk size, per mount")
        .baseUnit("bytes").tag("mount", mount).register(registry);
    return usage;
  }

  private void gauge(String name, String description, @Nullable String unit,
      java.util.function.ToDoubleFunction<HostReading> value) {
    Gauge.builder(name, this, s -> value.applyAsDouble(s.latest)).description(description).baseUnit(unit)
        .register(registry);
  }

  /** The latest host reading (NaN fields before the first sample or after a failure). */
  public HostReading latest() {
    return latest;
  }

  @Override
  public synchronized void close() {
    heapAfterGc.close();
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
