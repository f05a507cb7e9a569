package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.exporter.store.MetricsStore;
import io.perfwatch.exporter.store.RequestMetrics;
import org.junit.jupiter.api.Test;

class StoreSourceTest {
  private static final long NOW = 1_768_471_230_000L;

  @Test
  void answersWindowsFromTheStoreWithItsClock() {
    MetricsStore store = MetricsStore.builder().clock(() -> NOW).build();
    store.recordRequest(new RequestMetrics("/a", "GET", 200, 5_000_000, NOW - 1_000, null, null, 0, 0, "None", -1,
        -1));
    StoreSource source = new StoreSource(store, () -> NOW, "in-process store");

    assertThat(source.window(source.nowMillis() - 60_000, source.nowMillis()).total().count()).isEqualTo(1);
    assertThat(source.describe()).isEqualTo("in-process store");
    assertThat(source.staleness()).isEmpty();
  }
}
