package io.perfwatch.rules.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source settings, read and checked in one pass: {@code PERFORMANCE_PROMETHEUS_URL} or
 * {@code PERFORMANCE_SCRAPE_TARGETS} (not both: which one should win is not guessed), and
 * {@code PERFORMANCE_SCRAPE_INTERVAL_SECONDS} (default 15) and {@code PERFORMANCE_SCRAPE_TIMEOUT_SECONDS} (default
 * 5 or the interval if shorter, at most the interval; also the limit of each Prometheus query).
 */
public record SourceSettings(Optional<String> prometheusUrl, Optional<String> scrapeTargets, Duration interval,
    Duration timeout) {
  public static final String INTERVAL = "PERFORMANCE_SCRAPE_INTERVAL_SECONDS";
  public static final String TIMEOUT = "PERFORMANCE_SCRAPE_TIMEOUT_SECONDS";

  /** Every problem at once, each naming its variable, value and what is allowed. */
  public static SourceSettings fromEnv(Map<String, String> env) {
    Optional<String> prometheus = value(env, PrometheusQuerySource.VARIABLE);
    Optional<String> targets = value(env, ScrapeTargets.VARIABLE);
    List<String> problems = new ArrayList<>();
    if (prometheus.isPresent() && targets.isPresent()) {
      problems.add(PrometheusQuerySource.VARIABLE + " and " + ScrapeTargets.VARIABLE + " are both set; set one: "
          + "the Prometheus URL to evaluate over what a Prometheus server scrapes, or the targets for perfwatch to "
          + "scrape them itself");
    }
    int interval = seconds(env, INTERVAL, 15, 3600, problems);
    int timeout = seconds(env, TIMEOUT, Math.min(5, interval), 3600, problems);
    if (timeout > interval) {
      problems.add(TIMEOUT + " is " + timeout + ", more than " + INTERVAL + " (" + interval + "); expected at most "
          + "the interval, so scrapes of one target never overlap");
    }
    if (!problems.isEmpty()) {
      throw new SourceConfigException("the source settings", problems);
    }
    return new SourceSettings(prometheus, targets, Duration.ofSeconds(interval), Duration.ofSeconds(timeout));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  private static int seconds(Map<String, String> env, String name, int fallback, int max, List<String> problems) {
    Optional<String> text = value(env, name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int seconds = Integer.parseInt(text.get().strip());
      if (seconds >= 1 && seconds <= max) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " is '" + text.get() + "'; expected whole seconds from 1 to " + max);
    return fallback;
  }
}
