package io.perfwatch.rules.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses {@code PERFORMANCE_SCRAPE_TARGETS}: comma-separated entries {@code [job=]URL} of {@code /metrics}
 * endpoints, e.g. {@code orders=http://10.0.0.5:8080/metrics,orders=http://10.0.0.6:8080/metrics}. Like a
 * Prometheus {@code static_config}, the {@code job} names the service (default: the URL's host) and the
 * {@code instance} is the URL's {@code host:port}.
 */
public final class ScrapeTargets {
  public static final String VARIABLE = "PERFORMANCE_SCRAPE_TARGETS";
  private static final Pattern JOB = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.-]{0,63}");
  private static final String EXPECTED = "expected comma-separated [job=]URL entries with http or https URLs such as "
      + "orders=http://orders:8080/metrics";

  private ScrapeTargets() {}

  /** One configured target: the service it belongs to and its URL. */
  public record Target(String job, URI uri) {
    /** Prometheus's {@code instance}: the URL's host and port (the scheme's default port when it has none). */
    public String instance() {
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      return uri.getHost() + ":" + port;
    }

    public Identity identity() {
      return new Identity(job, instance());
    }
  }

  /** The targets' URLs in order; blank means none. Every bad entry is reported at once. */
  public static List<URI> parse(String value) {
    return targets(value).stream().map(Target::uri).toList();
  }

  /** The targets in order, with their jobs; blank means none. Every bad entry is reported at once. */
  public static List<Target> targets(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    Map<URI, Target> targets = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String raw : value.split(",", -1)) {
      String entry = raw.strip();
      int equals = entry.indexOf('=');
      int scheme = entry.indexOf("://");
      boolean named = equals > 0 && (scheme < 0 || equals < scheme);
      String job = named ? entry.substring(0, equals).strip() : "";
      String url = named ? entry.substring(equals + 1).strip() : entry;
      if (named && !JOB.matcher(job).matches()) {
        problems.add("job '" + job + "' in '" + entry + "' is not a name (letters, digits, '_', '.', '-'); "
            + EXPECTED);
        continue;
      }
      try {
        URI uri = new URI(url);
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!s.equals("http") && !s.equals("https") || uri.getHost() == null) {
          problems.add("'" + entry + "' is not an http or https URL with a host; " + EXPECTED);
        } else if (targets.putIfAbsent(uri, new Target(named ? job : uri.getHost(), uri)) != null) {
          problems.add("'" + url + "' is listed twice");
        }
      } catch (URISyntaxException e) {
        problems.add("'" + entry + "' is not a URL (" + e.getReason() + "); " + EXPECTED);
      }
    }
    if (!problems.isEmpty()) {
      throw new SourceConfigException(VARIABLE, problems);
    }
    return List.copyOf(targets.values());
  }
}
