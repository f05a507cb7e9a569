package io.perfwatch.rules.source;

import io.perfwatch.rules.yaml.Aggregation;
import java.util.Objects;
import java.util.Set;

/**
 * One fleet window a cycle's rules read: {@code [fromMillis, toMillis]} per group at {@code level}, with the
 * statistic families they need (see {@link StatsSource#windows(java.util.List)}).
 */
public record WindowRequest(long fromMillis, long toMillis, Aggregation level, Set<Statistic> needs) {
  public WindowRequest {
    Objects.requireNonNull(level, "level");
    needs = Set.copyOf(needs);
  }
}
