package io.perfwatch.rules.source;

import io.perfwatch.exporter.StatsReader;
import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.WindowStats;
import java.util.Objects;
import java.util.function.LongSupplier;

/** The exporter's in-process store: a perfwatch instance's {@link StatsReader}, or a {@link MetricsStore}. */
public final class StoreSource implements StatsSource {
  /** Either reader's windows. */
  private interface Windows {
    WindowStats window(long fromMillis, long toMillis);
  }

  private final Windows windows;
  private final LongSupplier clock;
  private final String description;

  public StoreSource(StatsReader stats) {
    this(stats::window, stats::nowMillis, "in-process store");
  }

  /** {@code clock} should be the store's own, so "now" means the same to both. */
  public StoreSource(MetricsStore store, LongSupplier clock, String description) {
    this(store::window, clock, description);
  }

  private StoreSource(Windows windows, LongSupplier clock, String description) {
    this.windows = Objects.requireNonNull(windows, "windows");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public WindowStats window(long fromMillis, long toMillis) {
    return windows.window(fromMillis, toMillis);
  }

  @Override
  public long nowMillis() {
    return clock.getAsLong();
  }

  @Override
  public String describe() {
    return description;
  }
}
