package io.perfwatch.exporter.internal.meter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instrumentation must never break the app it measures: a failure inside perfwatch's hooks is caught, counted in
 * {@code perfwatch_instrumentation_errors_total{component}} and logged once per component and exception type.
 */
public final class InstrumentationErrors {
  private static final Logger LOG = LoggerFactory.getLogger(InstrumentationErrors.class);

  private final Counter counter;
  private final String component;
  private final Set<Class<?>> logged = ConcurrentHashMap.newKeySet();

  public InstrumentationErrors(MeterRegistry registry, String component) {
    this.component = component;
    this.counter = Counter.builder("perfwatch.instrumentation.errors")
        .description("Failures inside perfwatch's own instrumentation (the app's request or statement went on)")
        .tag("component", component)
        .register(registry);
  }

  public void record(RuntimeException e) {
    counter.increment();
    if (logged.add(e.getClass())) {
      LOG.error("perfwatch {} instrumentation failed; the application is unaffected, the measurement is lost "
          + "(logged once per exception type)", component, e);
    }
  }

  public double count() {
    return counter.count();
  }
}
