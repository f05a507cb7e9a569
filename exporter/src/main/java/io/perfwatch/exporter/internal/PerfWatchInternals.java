package io.perfwatch.exporter.internal;

import io.perfwatch.exporter.PerfWatch;
import io.perfwatch.exporter.internal.http.HttpMetrics;
import io.perfwatch.exporter.internal.jdbc.JdbcMetrics;
import io.perfwatch.exporter.internal.system.SystemSampler;
import io.perfwatch.exporter.store.MetricsStore;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a {@link PerfWatch} that perfwatch's own adapters and tests reach: not API, may change without
 * notice. {@code PerfWatch} hands its parts over on class initialization, so every instance can be looked up.
 */
public final class PerfWatchInternals {
  private static volatile @Nullable Function<PerfWatch, Parts> access;

  /** The instrumentation one perfwatch instance is made of. */
  public record Parts(HttpMetrics http, JdbcMetrics jdbc, SystemSampler system, MetricsStore store) {}

  private PerfWatchInternals() {}

  /** Called once, by {@code PerfWatch}'s class initialization. */
  public static synchronized void install(Function<PerfWatch, Parts> parts) {
    if (access != null) {
      throw new IllegalStateException("perfwatch's internals are handed over once");
    }
    access = Objects.requireNonNull(parts, "parts");
  }

  public static Parts of(PerfWatch perfwatch) {
    Function<PerfWatch, Parts> parts = access;
    if (parts == null) {
      throw new IllegalStateException("PerfWatch is not initialized");
    }
    return parts.apply(Objects.requireNonNull(perfwatch, "perfwatch"));
  }
}
