package io.perfwatch.rules.source;

import io.perfwatch.exporter.store.EndpointStats;
import io.perfwatch.exporter.store.WindowStats;
import java.util.List;
import java.util.Map;

/** A window without any data, as the store reports one. */
public final class EmptyStats {
  private EmptyStats() {}

  public static WindowStats of(long fromMillis, long toMillis) {
    EndpointStats none = new EndpointStats("*", "*", 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0);
    return new WindowStats(fromMillis, toMillis, none, List.of(), List.of(), List.of(), List.of(), Map.of());
  }
}
