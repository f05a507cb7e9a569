package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.WindowStats;
import java.util.Objects;
import java.util.function.LongSupplier;

/** The exporter's in-process {@link MetricsStore}. */
public final class StoreSource implements StatsSource {
  private final MetricsStore store;
  private final LongSupplier clock;
  private final String description;

  public StoreSource(MetricsStore store) {
    this(store, System::currentTimeMillis, "in-process store");
  }

  /** {@code clock} should be the store's own, so "now" means the same to both. */
  public StoreSource(MetricsStore store, LongSupplier clock, String description) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public WindowStats window(long fromMillis, long toMillis) {
    return store.window(fromMillis, toMillis);
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
