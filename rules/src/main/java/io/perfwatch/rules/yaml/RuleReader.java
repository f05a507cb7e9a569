package io.perfwatch.rules.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Validates one rule mapping into a {@link RuleDefinition}, reporting every problem it finds. */
final class RuleReader {

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");
  static final Field NAME_FIELD = new Field("name", "lowercase letters, digits, '-' and '_'", "high-p95-latency");
  static final Field DETECTOR = new Field("detector", "one of " + names(Detector.values()), "latency");
  static final Field METRIC = new Field("metric", "one of " + names(Metric.values()), "p95");
  static final Field SCOPE = new Field("scope", "one of " + names(Scope.values()), "endpoint");
  static final Field RESOURCE = new Field("resource", "one of " + names(Resource.values()), "cpu");
  static final Field BASELINE = new Field("baseline", "one of " + names(Baseline.values()), "previous_hour");
  static final Field THRESHOLD = new Field("threshold", "a number greater than 0", "2000");
  private static final Field PERCENT = new Field("threshold", "a percentage greater than 0 and at most 100", "80");
  static final Field WINDOW = new Field("window", "a duration from 1m to 24h", "5m");
  static final Field FOR = new Field("for", "a duration from 0s to 24h", "1m");
  static final Field KEEP = new Field("keep_firing_for", "a duration from 0s to 24h", "2m");
  static final Field MIN_REQUESTS = new Field("min_requests", "a whole number from 1 to 1000000000", "20");
  static final Field INCLUDE = new Field("include", "a list of route globs", "[\"/api/**\"]");
  static final Field EXCLUDE = new Field("exclude", "a list of route globs", "[\"/health\"]");
  static final Field INCLUDE_4XX = new Field("include_4xx", "true or false", "false");

  private RuleReader() {}

  static Optional<RuleDefinition> read(MappingReader r, String group, Duration interval, EnvSubstitution env) {
    int before = r.problems().count();
    Optional<String> name = r.text(NAME_FIELD, true);
    name.filter(n -> !NAME.matcher(n).matches()).ifPresent(n ->
        r.problems().add(r.value("name").orElseThrow(), r.rule(), NAME_FIELD.invalid(MappingReader.quote(n))));
    Optional<Detector> detector = r.choice(DETECTOR, true, List.of(Detector.values()), Detector::yamlName, "");
    List<String> keys = detector.map(d -> DetectorSpec.of(d).keys()).orElse(List.copyOf(DetectorSpec.ALL_KEYS));
    r.rejectUnknownKeys(keys, key -> detector.filter(d -> DetectorSpec.ALL_KEYS.contains(key)).map(d ->
        "'" + key + "' does not apply to detector '" + d.yamlName() + "'; remove it (it applies to "
            + DetectorSpec.detectorsWithKey(key) + ")"));
    Optional<Double> threshold = r.number(THRESHOLD, true);
    Optional<Duration> window = r.duration(WINDOW, true, Duration.ofMinutes(1), Duration.ofHours(24));
    Duration forDuration = r.duration(FOR, false, Duration.ZERO, Duration.ofHours(24)).orElse(Duration.ZERO);
    Duration keep = r.duration(KEEP, false, Duration.ZERO, Duration.ofHours(24)).orElse(Duration.ZERO);
    Optional<SeverityLadder> severity = SeverityReader.read(r, env);
    var labels = TextMaps.labels(r, env);
    var annotations = TextMaps.annotations(r, env);
    if (detector.isEmpty()) {
      return Optional.empty();
    }
    Detector d = detector.get();
    DetectorSpec spec = DetectorSpec.of(d);
    Resource resource = d == Detector.RESOURCE
        ? r.choice(RESOURCE, true, List.of(Resource.values()), Resource::yamlName, "").orElse(null) : null;
    Metric metric = spec.metrics().isEmpty() ? null : r.choice(METRIC, true, spec.metrics(), Metric::yamlName,
        " for detector '" + d.yamlName() + "'").orElse(null);
    List<Scope> scopes = DetectorSpec.scopes(d, resource);
    String scopeContext = resource == null ? " for detector '" + d.yamlName() + "'"
        : " for resource '" + resource.yamlName() + "'";
    Scope scope = r.choice(SCOPE, false, scopes, Scope::yamlName, scopeContext).orElse(scopes.get(0));
    threshold.ifPresent(t -> checkThreshold(r, t, DetectorSpec.isPercentOfWhole(d, resource)));
    threshold.filter(t -> t > 0 && t < 1 && DetectorSpec.isPercent(d, resource)).ifPresent(t ->
        r.problems().warn(r.value("threshold").orElseThrow(), r.rule(), "'threshold' is " + scalar(r, "threshold")
            + " percent, so the rule fires at " + scalar(r, "threshold") + " %; thresholds here are percents from 0 "
            + "to 100 (threshold: 1 means 1 %), not fractions"));
    long minRequests = spec.keys().contains("min_requests")
        ? r.integer(MIN_REQUESTS, 1, 1_000_000_000L).orElse(1L) : 0L;
    List<String> include = spec.keys().contains("include") ? globs(r, INCLUDE, scope) : List.of();
    List<String> exclude = spec.keys().contains("exclude") ? globs(r, EXCLUDE, scope) : List.of();
    boolean include4xx = d == Detector.ERROR_RATE
        && r.choice(INCLUDE_4XX, false, List.of(true, false), String::valueOf, "").orElse(false);
    Baseline baseline = d != Detector.DEGRADATION ? null
        : r.choice(BASELINE, false, List.of(Baseline.values()), Baseline::yamlName, "").orElse(Baseline.PREVIOUS_HOUR);
    if (r.problems().count() != before) {
      return Optional.empty();
    }
    return Optional.of(new RuleDefinition(name.orElseThrow(), group, interval, d, metric, scope, resource,
        threshold.orElseThrow(), window.orElseThrow(), minRequests, forDuration, keep, severity.orElseThrow(),
        include, exclude, include4xx, baseline, labels, annotations, r.problems().at(r.node())));
  }

  private static void checkThreshold(MappingReader r, double threshold, boolean percent) {
    if (threshold <= 0 || (percent && threshold > 100)) {
      Field field = percent ? PERCENT : THRESHOLD;
      r.problems().add(r.value("threshold").orElseThrow(), r.rule(), field.invalid(MappingReader.quote(
          r.value("threshold").map(n -> ((ScalarNode) n).getValue()).orElse(""))));
    }
  }

  private static List<String> globs(MappingReader r, Field field, Scope scope) {
    List<String> globs = new ArrayList<>();
    if (r.value(field.key()).isPresent() && scope != Scope.ENDPOINT) {
      r.problems().add(r.value(field.key()).get(), r.rule(), "'" + field.key() + "' applies only to scope "
          + "'endpoint', but the scope is '" + scope.yamlName() + "'; remove it or set scope: endpoint");
      return globs;
    }
    for (ScalarNode glob : r.scalars(field).orElse(List.of())) {
      String problem = RouteGlob.problem(glob.getValue());
      if (problem == null) {
        globs.add(glob.getValue());
        RouteGlob.rawSegment(glob.getValue()).ifPresent(segment -> r.problems().warn(glob, r.rule(),
            "route glob " + MappingReader.quote(glob.getValue()) + " in '" + field.key() + "' looks like a raw "
                + "path (segment '" + segment + "'): routes are matched as templates such as /api/orders/:id, so it "
                + "matches nothing; write the template or a glob, e.g. " + RouteGlob.templated(glob.getValue())));
      } else {
        r.problems().add(glob, r.rule(), "route glob " + MappingReader.quote(glob.getValue()) + " in '"
            + field.key() + "' is invalid: " + problem);
      }
    }
    return globs;
  }

  private static String scalar(MappingReader r, String key) {
    return r.value(key).map(n -> ((ScalarNode) n).getValue()).orElse("");
  }

  private static String names(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList().toString();
  }
}
