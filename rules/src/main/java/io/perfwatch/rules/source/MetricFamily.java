package io.perfwatch.rules.source;

import java.util.List;
import java.util.Objects;

/**
 * One metric family: its {@code # TYPE}, {@code # HELP} (unescaped, "" when absent) and samples in text order.
 * A sample without a TYPE line forms its own {@link MetricType#UNTYPED} family.
 */
public record MetricFamily(String name, MetricType type, String help, List<Sample> samples) {

  public MetricFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    samples = List.copyOf(samples);
  }
}
