package io.perfwatch.rules.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses {@code PERFORMANCE_SCRAPE_TARGETS}: comma-separated http(s) URLs of {@code /metrics} endpoints. */
public final class ScrapeTargets {
  public static final String VARIABLE = "PERFORMANCE_SCRAPE_TARGETS";
  private static final String EXPECTED = "expected comma-separated http or https URLs such as "
      + "http://orders:8080/metrics";

  private ScrapeTargets() {}

  /** The targets in order; blank means none. Every bad entry is reported at once. */
  public static List<URI> parse(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    Set<URI> targets = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (String raw : value.split(",", -1)) {
      String entry = raw.strip();
      try {
        URI uri = new URI(entry);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
          problems.add("'" + entry + "' is not an http or https URL with a host; " + EXPECTED);
        } else if (!targets.add(uri)) {
          problems.add("'" + entry + "' is listed twice");
        }
      } catch (URISyntaxException e) {
        problems.add("'" + entry + "' is not a URL (" + e.getReason() + "); " + EXPECTED);
      }
    }
    if (!problems.isEmpty()) {
      throw new SourceConfigException(VARIABLE, problems);
    }
    return List.copyOf(targets);
  }
}
