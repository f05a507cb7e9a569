package io.perfwatch.service.reliability;

import java.util.Arrays;

/** Reads the Prometheus text exposition the way a dashboard would: sums over series. */
final class Exposition {
  private Exposition() {}

  /**
   * Sum of the samples of {@code name} (exactly that name, any labels) whose label set contains every one of
   * {@code labels}, each written as in the exposition: {@code status="500"}.
   */
  static long sum(String scrape, String name, String... labels) {
    return scrape.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> Arrays.stream(labels).allMatch(label -> labelsOf(l).contains(label)))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String labelsOf(String line) {
    int open = line.indexOf('{');
    return open < 0 ? "" : line.substring(open, line.lastIndexOf('}') + 1);
  }
}
