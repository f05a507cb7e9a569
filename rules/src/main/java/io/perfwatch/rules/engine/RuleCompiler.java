package io.perfwatch.rules.engine;

import io.perfwatch.rules.alert.AlertTexts;
import io.perfwatch.rules.alert.Observation;
import io.perfwatch.rules.alert.Severity;
import io.perfwatch.rules.schema.IndexCatalog;
import io.perfwatch.rules.yaml.Detector;
import io.perfwatch.rules.yaml.RuleDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.RuleBuilder;

/**
 * Turns a {@link RuleDefinition} into an Easy Rules {@link Rule} with a typed condition and action (no expression
 * language: the YAML is data). The rule is fired once per evaluation with these facts: {@value #CANDIDATES} (every
 * scope instance in the window, a {@code List<Candidate>}), {@value #THRESHOLD} (Double), {@value #MIN_TRAFFIC}
 * (Long) and {@value #EVALUATION} (the {@link Evaluation} the action adds its {@link Observation}s to). The condition
 * holds when some instance breaches the threshold; the action observes each instance that does.
 *
 * <p>Firing once per rule rather than once per instance keeps a cycle of 100 rules over 500 endpoints (about 33,000
 * instances) within milliseconds: Easy Rules' {@link Facts} is a set scanned linearly on every put and get, and its
 * engine logs and notifies listeners per fire, which cost more than the comparison itself.
 */
final class RuleCompiler {
  static final String CANDIDATES = "candidates";
  static final String THRESHOLD = "threshold";
  static final String MIN_TRAFFIC = "minTraffic";
  static final String EVALUATION = "evaluation";

  private final Function<Detector, BottleneckDetector> detectors;

  RuleCompiler() {
    this(kind -> detector(kind, IndexCatalog.NONE));
  }

  /** Slow-query advice checked against the indexes of {@code catalog}. */
  static RuleCompiler checkingIndexes(IndexCatalog catalog) {
    return new RuleCompiler(kind -> detector(kind, catalog));
  }

  /** Test seam: another analysis per detector kind. */
  RuleCompiler(Function<Detector, BottleneckDetector> detectors) {
    this.detectors = detectors;
  }

  CompiledRule compile(RuleDefinition definition) {
    BottleneckDetector detector = detectors.apply(definition.detector());
    Observer observer = new Observer(definition);
    Rule rule = new RuleBuilder()
        .name(definition.name())
        .description(observer.detector + " rule from " + definition.position().file() + ":"
            + definition.position().line())
        .when(facts -> anyHolds(detector, facts.get(CANDIDATES), facts.<Double>get(THRESHOLD),
            facts.<Long>get(MIN_TRAFFIC)))
        .then(facts -> observeAll(observer, detector, facts))
        .build();
    return new CompiledRule(definition, detector, rule, new Rules(rule));
  }

  private static boolean anyHolds(BottleneckDetector detector, List<Candidate> candidates, double threshold,
      long minTraffic) {
    for (Candidate candidate : candidates) {
      if (detector.holds(candidate, threshold, minTraffic)) {
        return true;
      }
    }
    return false;
  }

  private static void observeAll(Observer observer, BottleneckDetector detector, Facts facts) {
    List<Candidate> candidates = facts.get(CANDIDATES);
    double threshold = facts.<Double>get(THRESHOLD);
    long minTraffic = facts.<Long>get(MIN_TRAFFIC);
    Evaluation evaluation = facts.get(EVALUATION);
    for (Candidate candidate : candidates) {
      if (detector.holds(candidate, threshold, minTraffic)) {
        evaluation.add(observer.observe(candidate));
      }
    }
  }

  static Facts facts(CompiledRule rule, List<Candidate> candidates, Evaluation evaluation) {
    Facts facts = new Facts();
    facts.put(CANDIDATES, candidates);
    facts.put(THRESHOLD, rule.definition().threshold());
    facts.put(MIN_TRAFFIC, rule.detector().minTraffic(rule.definition()));
    facts.put(EVALUATION, evaluation);
    return facts;
  }

  /** Turns breaching candidates into observations; what they share is worked out once per rule, not per candidate. */
  private static final class Observer {
    final RuleDefinition rule;
    final String detector;
    final Severity lowest;
    final Map<String, String> labels;

    Observer(RuleDefinition rule) {
      this.rule = rule;
      this.detector = rule.detector().yamlName();
      this.lowest = rule.severity().ratios().keySet().stream().min(Enum::compareTo).orElse(Severity.LOW);
      this.labels = Map.copyOf(rule.labels());
    }

    /**
     * The observation of a breaching candidate. Its texts are composed when first read: for a new alert by the
     * tracker at once, for the others only if someone reads them before the next evaluation replaces them.
     */
    Observation observe(Candidate c) {
      return new Observation(rule.name(), detector, c.scope(), c.value(), rule.threshold(), severity(c),
          AlertTexts.onFirstRead(() -> texts(c)), labels);
    }

    private AlertTexts texts(Candidate c) {
      Candidate.Description d = c.description().apply(rule);
      Map<String, String> vars = new HashMap<>(d.vars());
      vars.put("value", Texts.num(c.value()));
      vars.put("threshold", Texts.num(rule.threshold()));
      vars.put("advice", d.recommendation()); // the detector's own, e.g. index advice checked against the schema
      String summary = rule.annotations().get("summary");
      String recommendation = rule.annotations().get("recommendation");
      return AlertTexts.of(summary == null ? d.summary() : Texts.render(summary, vars),
          recommendation == null ? d.recommendation() : Texts.render(recommendation, vars), d.details());
    }

    /** The ladder's level, else its lowest (the threshold is exceeded), raised as the detector asks within it. */
    private Severity severity(Candidate c) {
      Severity level = rule.severity().levelFor(c.value(), rule.threshold()).orElse(lowest);
      return rule.severity().raise(level, c.raise());
    }
  }

  private static BottleneckDetector detector(Detector kind, IndexCatalog catalog) {
    return switch (kind) {
      case LATENCY -> new LatencyDetector();
      case ERROR_RATE -> new ErrorRateDetector();
      case SLOW_QUERY -> new SlowQueryDetector(catalog);
      case N_PLUS_ONE -> new NPlusOneDetector();
      case RESOURCE -> new ResourceDetector();
      case DEGRADATION -> new DegradationDetector();
      case TARGET_DOWN -> new TargetDownDetector();
    };
  }

  record CompiledRule(RuleDefinition definition, BottleneckDetector detector, Rule rule, Rules rules) {}
}
