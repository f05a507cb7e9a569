package io.perfwatch.rules.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.rules.source.SourceUnavailableException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.RuleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every evaluation error visible: {@code DefaultRulesEngine} treats a throwing condition as false, so this
 * listener logs it, counts it in {@code perfwatch.rule.evaluation.errors{rule}}, keeps the last one per rule and
 * marks the evaluation failed so its alerts keep their state instead of resolving. One error per rule evaluation
 * is reported (the first), however many scope instances threw.
 */
final class EvaluationErrors implements RuleListener {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationErrors.class);

  private final MeterRegistry registry;
  private final Supplier<Instant> clock;
  private final Map<String, RuleError> last = new ConcurrentHashMap<>();

  EvaluationErrors(MeterRegistry registry, Supplier<Instant> clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void onEvaluationError(Rule rule, Facts facts, Exception exception) {
    if (firstFailure(facts)) {
      record(rule.getName(), "condition failed", exception);
    }
  }

  @Override
  public void onFailure(Rule rule, Facts facts, Exception exception) {
    if (firstFailure(facts)) {
      record(rule.getName(), "action failed", exception);
    }
  }

  void record(String rule, String what, Exception exception) {
    String message = what + ": " + exception.getClass().getSimpleName() + ": " + exception.getMessage();
    if (!sourceUnavailable(exception)) { // a source outage is logged once, by the source, not per rule per cycle
      LOG.warn("rule '{}' {}", rule, message);
    }
    counter(rule).increment();
    last.merge(rule, new RuleError(rule, message, clock.get(), 1),
        (old, now) -> new RuleError(rule, message, now.at(), old.count() + 1));
  }

  Map<String, RuleError> lastErrors() {
    return Map.copyOf(last);
  }

  /** Forgets rules that are no longer defined, so the map stays as bounded as the rule file. */
  void retain(Set<String> rules) {
    last.keySet().retainAll(rules);
  }

  private Counter counter(String rule) {
    return Counter.builder("perfwatch.rule.evaluation.errors")
        .description("Rule evaluations that failed: a throwing condition or action, or an unavailable window")
        .tag("rule", rule)
        .register(registry);
  }

  private static boolean sourceUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SourceUnavailableException) {
        return true;
      }
    }
    return false;
  }

  private static boolean firstFailure(Facts facts) {
    Evaluation evaluation = facts.get(RuleCompiler.EVALUATION);
    return evaluation == null || evaluation.fail();
  }
}
