package io.perfwatch.rules.engine;

import io.perfwatch.rules.alert.Observation;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.RuleBuilder;

/**
 * Turns a {@link RuleDefinition} into an Easy Rules {@link Rule} with a typed condition and action (no expression
 * language: the YAML is data). The rule is fired once per scope instance with these facts:
 * {@value #CANDIDATE} (a {@link Candidate}), {@value #THRESHOLD} (Double), {@value #MIN_TRAFFIC} (Long) and
 * {@value #EVALUATION} (the {@link Evaluation} the action adds its {@link Observation} to).
 */
final class RuleCompiler {
  static final String CANDIDATE = "candidate";
  static final String THRESHOLD = "threshold";
  static final String MIN_TRAFFIC = "minTraffic";
  static final String EVALUATION = "evaluation";

  private final Function<Detector, BottleneckDetector> detectors;

  RuleCompiler() {
    this(RuleCompiler::detector);
  }

  /** Test seam: another analysis per detector kind. */
  RuleCompiler(Function<Detector, BottleneckDetector> detectors) {
    this.detectors = detectors;
  }

  CompiledRule compile(RuleDefinition definition) {
    BottleneckDetector detector = detectors.apply(definition.detector());
    Rule rule = new RuleBuilder()
        .name(definition.name())
        .description(definition.detector().yamlName() + " rule from " + definition.position().file() + ":"
            + definition.position().line())
        .when(facts -> detector.holds(facts.get(CANDIDATE), facts.<Double>get(THRESHOLD),
            facts.<Long>get(MIN_TRAFFIC)))
        .then(facts -> facts.<Evaluation>get(EVALUATION).add(observe(definition, facts.get(CANDIDATE))))
        .build();
    return new CompiledRule(definition, detector, rule, new Rules(rule));
  }

  static Facts facts(CompiledRule rule, Candidate candidate, Evaluation evaluation) {
    Facts facts = new Facts();
    facts.put(CANDIDATE, candidate);
    facts.put(THRESHOLD, rule.definition().threshold());
    facts.put(MIN_TRAFFIC, rule.detector().minTraffic(rule.definition()));
    facts.put(EVALUATION, evaluation);
    return facts;
  }

  static Observation observe(RuleDefinition rule, Candidate c) {
    Candidate.Description d = c.description().get();
    Map<String, String> vars = new HashMap<>(d.vars());
    vars.put("value", Texts.num(c.value()));
    vars.put("threshold", Texts.num(rule.threshold()));
    String summary = rule.annotations().get("summary");
    String recommendation = rule.annotations().get("recommendation");
    return new Observation(rule.name(), rule.detector().yamlName(), c.scope(), c.value(), rule.threshold(),
        severity(rule, c), summary == null ? d.summary() : Texts.render(summary, vars),
        recommendation == null ? d.recommendation() : Texts.render(recommendation, vars), rule.labels(),
        d.details());
  }

  /** The ladder's level, else its lowest (the threshold is exceeded), raised as the detector asks, capped. */
  private static Severity severity(RuleDefinition rule, Candidate c) {
    Severity lowest = rule.severity().ratios().keySet().stream().min(Enum::compareTo).orElse(Severity.LOW);
    Severity level = rule.severity().levelFor(c.value(), rule.threshold()).orElse(lowest);
    return Severity.values()[Math.min(Severity.CRITICAL.ordinal(), level.ordinal() + c.raise())];
  }

  private static BottleneckDetector detector(Detector kind) {
    return switch (kind) {
      case LATENCY -> new LatencyDetector();
      case ERROR_RATE -> new ErrorRateDetector();
      case SLOW_QUERY -> new SlowQueryDetector();
      case N_PLUS_ONE -> new NPlusOneDetector();
      case RESOURCE -> new ResourceDetector();
      case DEGRADATION -> new DegradationDetector();
    };
  }

  record CompiledRule(RuleDefinition definition, BottleneckDetector detector, Rule rule, Rules rules) {}
}
