package io.perfwatch.rules.yaml;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One validated rule. {@link RuleFileParser} reports readable problems with positions; the checks here are the
 * invariants the engine relies on, so a rule built in code cannot be inconsistent either.
 *
 * @param group the name of the group the rule is in
 * @param interval how often the group is evaluated
 * @param metric the statistic compared, for latency, slow_query and degradation; null otherwise
 * @param resource what a resource rule measures; null for other detectors
 * @param threshold in the detector's unit: ms (latency, slow_query), percent (error_rate, cpu/memory/disk,
 *     degradation increase), in-flight requests (concurrency), MB/min (memory_leak), findings (n_plus_one)
 * @param minRequests no verdict below this many requests (statements for slow_query) in the window; 0 for
 *     n_plus_one and resource rules, which have no traffic minimum
 * @param forDuration how long the condition must hold before the alert fires (YAML {@code for})
 * @param include route globs to evaluate (empty = all routes); endpoint scope only
 * @param include4xx whether an error_rate rule counts 4xx as errors besides 5xx
 * @param baseline the history a degradation rule compares with; null for other detectors
 * @param annotations texts with {@code {{endpoint}}}-style placeholders, filled in by the engine
 * @param position where the rule starts in its file
 * @param aggregation over a fleet, one alert per service (default) or per instance
 */
public record RuleDefinition(
    String name,
    String group,
    Duration interval,
    Detector detector,
    @Nullable Metric metric,
    Scope scope,
    @Nullable Resource resource,
    double threshold,
    Duration window,
    long minRequests,
    Duration forDuration,
    Duration keepFiringFor,
    SeverityLadder severity,
    List<String> include,
    List<String> exclude,
    boolean include4xx,
    @Nullable Baseline baseline,
    Map<String, String> labels,
    Map<String, String> annotations,
    SourcePosition position,
    Aggregation aggregation) {

  /** A rule with its detector's default aggregation over a fleet ({@link Aggregation#defaultFor}). */
  public RuleDefinition(String name, String group, Duration interval, Detector detector, @Nullable Metric metric,
      Scope scope, @Nullable Resource resource, double threshold, Duration window, long minRequests,
      Duration forDuration, Duration keepFiringFor, SeverityLadder severity, List<String> include,
      List<String> exclude, boolean include4xx, @Nullable Baseline baseline, Map<String, String> labels,
      Map<String, String> annotations, SourcePosition position) {
    this(name, group, interval, detector, metric, scope, resource, threshold, window, minRequests, forDuration,
        keepFiringFor, severity, include, exclude, include4xx, baseline, labels, annotations, position,
        Aggregation.defaultFor(detector));
  }

  public RuleDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(aggregation, "aggregation");
    require(positive(interval) && positive(window), "interval and window must be positive");
    require(!forDuration.isNegative() && !keepFiringFor.isNegative(), "for and keep_firing_for must be >= 0");
    require(threshold > 0 && Double.isFinite(threshold), "threshold must be a finite number > 0, got " + threshold);
    require(minRequests >= 0, "minRequests must be >= 0, got " + minRequests);
    require(DetectorSpec.of(detector).metrics().isEmpty() == (metric == null), "metric " + metric
        + " does not fit detector " + detector);
    require(metric == null || DetectorSpec.of(detector).metrics().contains(metric), "metric " + metric
        + " does not fit detector " + detector);
    require((detector == Detector.RESOURCE) == (resource != null), "resource is required for, and only for, "
        + "resource rules");
    require((detector == Detector.DEGRADATION) == (baseline != null), "baseline is required for, and only for, "
        + "degradation rules");
    require(DetectorSpec.scopes(detector, resource).contains(scope), "scope " + scope + " does not fit detector "
        + detector);
    require(!include4xx || detector == Detector.ERROR_RATE, "include4xx applies to error_rate rules only");
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    require(scope == Scope.ENDPOINT || (include.isEmpty() && exclude.isEmpty()),
        "include/exclude apply to endpoint scope only");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /**
   * A rule in code, with the parser's defaults for whatever is not set ({@link RuleFields}): the detector's first
   * scope and, where it takes one, metric (p95) and baseline (previous hour); no traffic minimum below 1; for and
   * keep_firing_for 0s. {@link Builder#build()} runs the same checks as the constructor.
   */
  public static Builder builder(String name, Detector detector) {
    return new Builder(name, detector);
  }

  /** Settings of a {@link RuleDefinition}; threshold, window and severity are required. */
  public static final class Builder {
    private final String name;
    private final Detector detector;
    private String group = "default";
    private Duration interval = Duration.ofMinutes(1);
    private @Nullable Metric metric;
    private @Nullable Scope scope;
    private @Nullable Resource resource;
    private double threshold = Double.NaN;
    private Duration window = Duration.ZERO;
    private long minRequests;
    private Duration forDuration = Duration.ZERO;
    private Duration keepFiringFor = Duration.ZERO;
    private @Nullable SeverityLadder severity;
    private List<String> include = List.of();
    private List<String> exclude = List.of();
    private boolean include4xx;
    private @Nullable Baseline baseline;
    private Map<String, String> labels = Map.of();
    private Map<String, String> annotations = Map.of();

    private Builder(String name, Detector detector) {
      this.name = Objects.requireNonNull(name, "name");
      this.detector = Objects.requireNonNull(detector, "detector");
      this.metric = DetectorSpec.of(detector).metrics().isEmpty() ? null : Metric.P95;
      this.baseline = detector == Detector.DEGRADATION ? Baseline.PREVIOUS_HOUR : null;
      this.minRequests = DetectorSpec.of(detector).keys().contains("min_requests") ? 1 : 0;
    }

    public Builder group(String v, Duration every) { group = v; interval = every; return this; }
    public Builder metric(Metric v) { metric = v; return this; }
    public Builder scope(Scope v) { scope = v; return this; }
    public Builder resource(Resource v) { resource = v; return this; }
    public Builder threshold(double v) { threshold = v; return this; }
    public Builder window(Duration v) { window = v; return this; }
    public Builder minRequests(long v) { minRequests = v; return this; }
    public Builder forDuration(Duration v) { forDuration = v; return this; }
    public Builder keepFiringFor(Duration v) { keepFiringFor = v; return this; }
    public Builder severity(SeverityLadder v) { severity = v; return this; }
    public Builder include(List<String> v) { include = v; return this; }
    public Builder exclude(List<String> v) { exclude = v; return this; }
    public Builder include4xx(boolean v) { include4xx = v; return this; }
    public Builder baseline(Baseline v) { baseline = v; return this; }
    public Builder labels(Map<String, String> v) { labels = v; return this; }
    public Builder annotations(Map<String, String> v) { annotations = v; return this; }

    public RuleDefinition build() {
      SeverityLadder ladder = severity;
      if (ladder == null) {
        throw new IllegalArgumentException("rule '" + name + "': severity is required");
      }
      Scope chosen = scope != null ? scope : DetectorSpec.scopes(detector, resource).get(0);
      return new RuleDefinition(name, group, interval, detector, metric, chosen, resource, threshold, window,
          minRequests, forDuration, keepFiringFor, ladder, include, exclude, include4xx, baseline, labels,
          annotations, new SourcePosition("code", 1, 1));
    }
  }

  /** Whether this rule evaluates {@code route}: it matches an include glob (or there are none) and no exclude glob. */
  public boolean matchesRoute(String route) {
    if (include.isEmpty() && exclude.isEmpty()) { // most rules: asked for every endpoint in every cycle
      return true;
    }
    boolean included = include.isEmpty();
    for (int i = 0; i < include.size() && !included; i++) {
      included = RouteGlob.matches(include.get(i), route);
    }
    for (int i = 0; i < exclude.size() && included; i++) {
      included = !RouteGlob.matches(exclude.get(i), route);
    }
    return included;
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
