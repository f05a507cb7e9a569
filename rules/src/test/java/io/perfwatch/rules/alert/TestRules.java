package io.perfwatch.rules.alert;

import io.perfwatch.rules.yaml.Baseline;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.Metric;
import io.perfwatch.rules.yaml.Resource;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.Scope;
import io.perfwatch.rules.yaml.SeverityLadder;
import io.perfwatch.rules.yaml.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Rule definitions for tests, built directly rather than parsed: defaults, then one wither per test need. */
public final class TestRules {
  public static final SeverityLadder LADDER = new SeverityLadder(Map.of(Severity.LOW, 1.0, Severity.MEDIUM, 1.5,
      Severity.HIGH, 2.0, Severity.CRITICAL, 4.0));

  public String name = "rule";
  public String group = "group";
  public Duration interval = Duration.ofSeconds(30);
  public Detector detector = Detector.LATENCY;
  public @Nullable Metric metric = Metric.AVG;
  public Scope scope = Scope.ENDPOINT;
  public @Nullable Resource resource;
  public double threshold = 1000;
  public Duration window = Duration.ofMinutes(5);
  public long minRequests = 1;
  public Duration forDuration = Duration.ZERO;
  public Duration keepFiringFor = Duration.ZERO;
  public SeverityLadder severity = LADDER;
  public List<String> include = List.of();
  public List<String> exclude = List.of();
  public boolean include4xx;
  public @Nullable Baseline baseline;
  public Map<String, String> labels = Map.of();
  public Map<String, String> annotations = Map.of();

  public static TestRules rule(String name, Detector detector) {
    TestRules rule = new TestRules();
    rule.name = name;
    rule.detector = detector;
    // the defaults the parser would demand for this detector
    switch (detector) {
      case ERROR_RATE, N_PLUS_ONE -> rule.metric = null;
      case RESOURCE -> {
        rule.metric = null;
        rule.scope = Scope.HOST;
      }
      case SLOW_QUERY -> rule.scope = Scope.QUERY;
      case DEGRADATION -> rule.baseline = Baseline.PREVIOUS_HOUR;
      default -> { }
    }
    return rule;
  }

  public TestRules threshold(double value) {
    threshold = value;
    return this;
  }

  public TestRules every(Duration value) {
    interval = value;
    return this;
  }

  public TestRules resource(Resource value) {
    resource = value;
    scope = value == Resource.DISK ? Scope.MOUNT : Scope.HOST;
    return this;
  }

  /** The scope of an endpoint alert: "GET /a" becomes {@code method=GET, uri=/a}. */
  public static Map<String, String> endpoint(String endpoint) {
    String[] parts = endpoint.split(" ", 2);
    return Map.of(ScopeLabels.METHOD, parts[0], ScopeLabels.URI, parts[1]);
  }

  public RuleDefinition build() {
    return new RuleDefinition(name, group, interval, detector, metric, scope, resource, threshold,
        window, minRequests, forDuration, keepFiringFor, severity, include, exclude, include4xx, baseline, labels,
        annotations, new SourcePosition("rules/test.yaml", 1, 1));
  }
}
