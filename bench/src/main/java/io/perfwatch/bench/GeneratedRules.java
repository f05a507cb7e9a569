package io.perfwatch.bench;

/** A rule file of {@code n} rules mixing all six detectors, as a person would write them, for the benchmark. */
final class GeneratedRules {
  private static final String[] METRICS = {"avg", "p50", "p95", "p99", "max"};
  private static final String[] RESOURCES = {"cpu", "memory", "disk", "concurrency", "memory_leak"};

  private GeneratedRules() {}

  static String yaml(int n) {
    StringBuilder y = new StringBuilder("groups:\n  - name: bench\n    interval: 30s\n    rules:\n");
    for (int i = 0; i < n; i++) {
      y.append("      - name: rule-").append(i).append('\n');
      switch (i % 10) {
        case 0, 1, 2 -> y.append("        detector: latency\n        metric: ").append(METRICS[i % 5])
            .append("\n        threshold: ").append(100 + 10 * i).append("\n        min_requests: 5\n");
        case 3, 4 -> y.append("        detector: error_rate\n        threshold: ").append(1 + i % 20)
            .append("\n        min_requests: 5\n");
        case 5, 6 -> y.append("        detector: slow_query\n        metric: ").append(i % 2 == 0 ? "p95" : "avg")
            .append("\n        threshold: ").append(10 + i).append('\n');
        case 7 -> y.append("        detector: n_plus_one\n        threshold: 1\n");
        case 8 -> y.append("        detector: resource\n        resource: ").append(RESOURCES[(i / 10) % 5])
            .append("\n        threshold: ").append((i / 10) % 5 == 4 ? 5 : 80).append('\n');
        default -> y.append("        detector: degradation\n        metric: p95\n        threshold: 50\n"
            + "        min_requests: 5\n");
      }
      y.append("        window: 5m\n        severity: {low: 1.0, medium: 1.5, high: 2.0, critical: 4.0}\n");
    }
    return y.toString();
  }
}
