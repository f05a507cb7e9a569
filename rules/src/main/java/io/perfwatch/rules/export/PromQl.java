package io.perfwatch.rules.export;

import io.perfwatch.rules.alert.ScopeLabels;
import io.perfwatch.rules.yaml.Baseline;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.Resource;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The PromQL of one rule: a value expression in PromQL's units (seconds for latency, percent, counts), compared
 * with {@code >=} like the engine's severity ladder, and guards ({@code min_requests}, a non-zero baseline) joined
 * with {@code and}. Every aggregation keeps {@code job} (one service, summed over its instances, as the engine sees
 * one service) plus the rule's {@link ScopeLabels}: {@code method, uri} for endpoint scope, {@code operation, table}
 * for statements and {@code method, uri, table} for N+1 findings; host metrics keep their {@code instance}/{@code job}
 * (and {@code mount}).
 *
 * @param value the measured statistic, e.g. the p95 per endpoint
 * @param scale threshold units to PromQL units: 0.001 for ms thresholds compared in seconds, else 1
 * @param guards extra conditions, each a complete comparison
 */
record PromQl(String value, double scale, List<String> guards) {
  private static final String HTTP = "http_server_requests_seconds";
  private static final String DB = "db_query_duration_seconds";

  PromQl {
    Objects.requireNonNull(value, "value");
    guards = List.copyOf(guards);
  }

  /**
   * The alert condition for {@code threshold} (already multiplied by the severity ratio, in the rule's unit): the
   * comparison on the first line, each guard on a line of its own starting with {@code and}.
   */
  String condition(double threshold) {
    StringBuilder expr = new StringBuilder(value).append(" >= ")
        .append(Numbers.format(Numbers.times(threshold, scale)));
    guards.forEach(g -> expr.append("\nand ").append(g));
    return expr.toString();
  }

  /** Why {@code rule} has no PromQL equivalent, or null when it has one. */
  static @Nullable String whyNot(RuleDefinition rule) {
    if (rule.metric() == Metric.MAX) {
      return "metric max: Prometheus histograms keep no exact maximum, and the _max gauge only covers Micrometer's "
          + "last two minutes per instance, not the rule's " + Numbers.duration(rule.window()) + " window";
    }
    if (rule.resource() == Resource.MEMORY_LEAK) {
      return "resource memory_leak: the engine judges the JVM heap right after each GC (a least-squares slope once "
          + "half the window is covered, rising in most of the reading's changes); deriv() alone would also fire on "
          + "one step up of a sawing heap";
    }
    if (rule.detector() == Detector.SLOW_QUERY && (rule.metric() == Metric.P50 || rule.metric() == Metric.P99)) {
      return "slow_query " + rule.metric().yamlName() + ": not a statement statistic the engine offers";
    }
    return null;
  }

  /** The PromQL of {@code rule}; call only when {@link #whyNot} is null. */
  static PromQl of(RuleDefinition rule) {
    Duration w = rule.window();
    String by = by(rule);
    String routes = routeMatchers(rule);
    return switch (rule.detector()) {
      case LATENCY -> new PromQl(latency(rule.metric(), by, routes, range(w, null)), 0.001,
          minRequests(rule, by, routes, range(w, null)));
      case ERROR_RATE -> new PromQl("100 * " + sumIncrease(HTTP + "_count",
          join(routes, rule.include4xx() ? "status=~\"[45]..\"" : "status=~\"5..\""), range(w, null), by)
          + " / " + sumIncrease(HTTP + "_count", routes, range(w, null), by), 1,
          minRequests(rule, by, routes, range(w, null)));
      case SLOW_QUERY -> slowQuery(rule, by);
      case N_PLUS_ONE -> new PromQl(sumIncrease("db_n_plus_one_total", routes, range(w, null), by), 1, List.of());
      case RESOURCE -> resource(rule);
      case DEGRADATION -> degradation(rule, by, routes);
    };
  }

  /**
   * {@code job} plus the rule's {@link ScopeLabels} that are series labels: not {@code query} (Prometheus sees no
   * SQL fingerprints) nor the ones that are the same for every alert of the rule (set in the rule's labels).
   */
  private static String by(RuleDefinition rule) {
    List<String> by = new ArrayList<>(List.of("job"));
    ScopeLabels.of(rule).stream().filter(l -> !l.equals(ScopeLabels.QUERY))
        .filter(l -> !ScopeLabels.constant(rule).containsKey(l)).forEach(by::add);
    return String.join(", ", by);
  }

  private static String latency(@Nullable Metric metric, String by, String routes, String range) {
    Metric m = Objects.requireNonNullElse(metric, Metric.AVG);
    if (m == Metric.AVG) {
      return sumIncrease(HTTP + "_sum", routes, range, by) + " / " + sumIncrease(HTTP + "_count", routes, range, by);
    }
    return "histogram_quantile(" + quantile(m) + ", " + sumIncrease(HTTP + "_bucket", routes, range,
        by.isEmpty() ? "le" : by + ", le") + ")";
  }

  private static PromQl slowQuery(RuleDefinition rule, String by) {
    String range = range(rule.window(), null);
    String value = rule.metric() == Metric.AVG
        ? sumIncrease(DB + "_sum", "", range, by) + " / " + sumIncrease(DB + "_count", "", range, by)
        : "histogram_quantile(0.95, " + sumIncrease(DB + "_bucket", "", range, by + ", le") + ")";
    List<String> guards = rule.minRequests() > 1
        ? List.of(sumIncrease(DB + "_count", "", range, by) + " >= " + rule.minRequests()) : List.of();
    return new PromQl(value, 0.001, guards);
  }

  private static PromQl resource(RuleDefinition rule) {
    String w = Numbers.duration(rule.window());
    return switch (Objects.requireNonNull(rule.resource())) {
      case CPU -> new PromQl("100 * avg_over_time(system_cpu_usage[" + w + "])", 1, List.of());
      case MEMORY -> new PromQl("100 * avg_over_time(system_memory_used_bytes[" + w + "]) / avg_over_time("
          + "system_memory_total_bytes[" + w + "])", 1, List.of());
      // the engine takes the latest disk reading per mount; `for` asks that it stays high
      case DISK -> new PromQl("100 * system_disk_used_bytes / system_disk_total_bytes", 1, List.of());
      case CONCURRENCY -> new PromQl("max_over_time(http_server_requests_active_seconds_count[" + w + "])", 1,
          List.of());
      case MEMORY_LEAK -> throw new IllegalArgumentException("memory_leak is not expressible: " + whyNot(rule));
    };
  }

  /**
   * previous_hour: the hour before the current window ({@code [1h] offset window}, as the engine does);
   * same_hour_yesterday: the same window a day earlier ({@code [window] offset 1d}).
   */
  private static PromQl degradation(RuleDefinition rule, String by, String routes) {
    String now = range(rule.window(), null);
    String then = rule.baseline() == Baseline.SAME_HOUR_YESTERDAY ? range(rule.window(), Duration.ofDays(1))
        : range(Duration.ofHours(1), rule.window());
    String current = latency(rule.metric(), by, routes, now);
    String baseline = latency(rule.metric(), by, routes, then);
    List<String> guards = new ArrayList<>();
    guards.add(baseline + " > 0");
    guards.addAll(minRequests(rule, by, routes, now));
    guards.addAll(minRequests(rule, by, routes, then));
    return new PromQl("100 * (" + current + " / " + baseline + " - 1)", 1, guards);
  }

  private static List<String> minRequests(RuleDefinition rule, String by, String routes, String range) {
    return rule.minRequests() > 1
        ? List.of(sumIncrease(HTTP + "_count", routes, range, by) + " >= " + rule.minRequests()) : List.of();
  }

  private static String sumIncrease(String metric, String matchers, String range, String by) {
    String selector = matchers.isEmpty() ? metric : metric + "{" + matchers + "}";
    return (by.isEmpty() ? "sum" : "sum by (" + by + ")") + " (increase(" + selector + range + "))";
  }

  private static String range(Duration window, @Nullable Duration offset) {
    return "[" + Numbers.duration(window) + "]" + (offset == null ? "" : " offset " + Numbers.duration(offset));
  }

  private static String routeMatchers(RuleDefinition rule) {
    String include = rule.include().isEmpty() ? "" : "uri=~" + quote(RouteRegex.of(rule.include()));
    String exclude = rule.exclude().isEmpty() ? "" : "uri!~" + quote(RouteRegex.of(rule.exclude()));
    return join(include, exclude);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b;
  }

  private static String quantile(Metric m) {
    return switch (m) {
      case P50 -> "0.5";
      case P95 -> "0.95";
      case P99 -> "0.99";
      default -> throw new IllegalArgumentException("not a quantile: " + m);
    };
  }

  /** A PromQL double-quoted string literal. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
