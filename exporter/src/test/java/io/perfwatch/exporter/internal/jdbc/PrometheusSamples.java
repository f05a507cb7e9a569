package io.perfwatch.exporter.internal.jdbc;

import java.util.HashMap;
import java.util.Map;

/** Reads one sample from Prometheus text exposition, matching the label set exactly. */
final class PrometheusSamples {
  private PrometheusSamples() {}

  static double value(String scrape, String name, Map<String, String> labels) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      Map<String, String> found = new HashMap<>();
      if (rest.startsWith("{")) {
        int close = rest.indexOf('}');
        for (String pair : rest.substring(1, close).split(",")) {
          if (!pair.isEmpty()) {
            int eq = pair.indexOf('=');
            found.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
          }
        }
        rest = rest.substring(close + 1);
      }
      if (rest.startsWith(" ") && found.equals(labels)) {
        return Double.parseDouble(rest.strip().split(" ")[0]);
      }
    }
    return 0;
  }
}
