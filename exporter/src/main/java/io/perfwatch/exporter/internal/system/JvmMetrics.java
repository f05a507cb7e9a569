package io.perfwatch.exporter.internal.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
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
 * Micrometer's JVM and process binders, as Spring Boot registers them, so {@code jvm_memory_used_bytes},
 * {@code jvm_gc_pause_seconds}, {@code jvm_threads_live_threads}, {@code process_uptime_seconds} and the rest carry
 * the names JVM dashboards expect. Micrometer's {@code ProcessorMetrics} is left out on purpose: it registers
 * {@code system.cpu.usage}, {@code process.cpu.usage} and {@code system.load.average.1m}, which perfwatch's host
 * sampler already publishes from OSHI (same names, same 0..1 scale): every name has one meter. Left out too, because
 * {@code promtool check metrics} rejects their names: {@code JvmCompilationMetrics} ({@code jvm_compilation_time_ms})
 * and {@code system.cpu.count} ({@code _count} outside a histogram).
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
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
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
