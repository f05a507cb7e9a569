package io.perfwatch.exporter.internal.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Micrometer's JVM and process binders, the set Spring Boot registers, so {@code jvm_memory_used_bytes},
 * {@code jvm_gc_pause_seconds}, {@code jvm_threads_live_threads}, {@code process_uptime_seconds} and the rest carry
 * the names JVM dashboards expect. Micrometer's {@code ProcessorMetrics} is left out on purpose: it registers
 * {@code system.cpu.usage}, {@code process.cpu.usage} and {@code system.load.average.1m}, which perfwatch's host
 * sampler already publishes from OSHI (same names, same 0..1 scale); only its {@code system.cpu.count} is added here,
 * so every name has one meter.
 */
public final class JvmMetrics implements MeterBinder, AutoCloseable {
  private final List<AutoCloseable> closeable = new ArrayList<>();

  @Override
  public void bindTo(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeable.add(gc);
    JvmHeapPressureMetrics pressure = new JvmHeapPressureMetrics();
    pressure.bindTo(registry);
    closeable.add(pressure);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new JvmCompilationMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder("system.cpu.count", Runtime.getRuntime(), Runtime::availableProcessors)
        .description("The number of processors available to the Java virtual machine")
        .register(registry);
  }

  /** Stops the GC notification listeners. */
  @Override
  public void close() {
    for (AutoCloseable c : closeable) {
      try {
        c.close();
      } catch (Exception e) {
        // a listener that cannot be removed dies with the JVM; nothing else holds on to it
      }
    }
    closeable.clear();
  }
}
