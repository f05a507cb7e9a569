package io.perfwatch.rules.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfwatch.exporter.store.QueryStats;
import io.perfwatch.rules.alert.Alert;
import io.perfwatch.rules.alert.AlertTracker;
import io.perfwatch.rules.engine.RuleCompiler.CompiledRule;
import io.perfwatch.rules.schema.IndexCatalog;
import io.perfwatch.rules.source.Coverage;
import io.perfwatch.rules.source.StatsSource;
import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jeasy.rules.core.DefaultRulesEngine;

/**
 * Evaluates rules against a {@link StatsSource} and feeds the {@link AlertTracker}. Each rule reads the window
 * {@code [now - window, now]} (fetched once per distinct window per call) and is fired through Easy Rules once per
 * evaluation, over all its scope instances. A rule whose evaluation failed (a window the source could not give, a
 * throwing condition or action, texts of a new alert that cannot be composed) is reported through
 * {@link #lastErrors()} and its alerts keep their state, as Prometheus keeps an alerting rule's alerts when its query
 * fails; the other rules still run. Thread-safe.
 */
public final class RuleEngine {
  private final StatsSource source;
  private final Coverage coverage;
  private final IndexCatalog catalog;
  private final AlertTracker tracker;
  private final RuleCompiler compiler;
  private final EvaluationErrors errors;
  private final DefaultRulesEngine engine = new DefaultRulesEngine();
  private final Counter evaluations;
  private final Scopes scopes = new Scopes();
  private final Map<String, CompiledRule> compiled = new ConcurrentHashMap<>();

  public RuleEngine(StatsSource source, AlertTracker tracker, MeterRegistry registry) {
    this(source, tracker, registry, new RuleCompiler());
  }

  /** Slow-query advice checked against the real indexes of the monitored database ({@code catalog}). */
  public RuleEngine(StatsSource source, AlertTracker tracker, MeterRegistry registry, IndexCatalog catalog) {
    this(source, tracker, registry, RuleCompiler.checkingIndexes(catalog), catalog);
  }

  RuleEngine(StatsSource source, AlertTracker tracker, MeterRegistry registry, RuleCompiler compiler) {
    this(source, tracker, registry, compiler, IndexCatalog.NONE);
  }

  private RuleEngine(StatsSource source, AlertTracker tracker, MeterRegistry registry, RuleCompiler compiler,
      IndexCatalog catalog) {
    this.source = source;
    this.catalog = catalog;
    this.coverage = Coverage.from(source); // the source collects from here on, unless it has its own history
    this.tracker = tracker;
    this.compiler = compiler;
    this.errors = new EvaluationErrors(registry, () -> Instant.ofEpochMilli(source.nowMillis()));
    this.engine.registerRuleListener(errors);
    this.evaluations = Counter.builder("perfwatch.rule.evaluations")
        .description("Rule evaluations, successful or not (one per rule per cycle)")
        .register(registry);
  }

  /** How much of a window the source has data for: rules and the API divide rates by the same time. */
  public Coverage coverage() {
    return coverage;
  }

  /**
   * The slow-query detector's advice for a statement of the window of {@code windowMillis} ending now, whether or
   * not a rule judged it slow: the index to create, checked against the schema, or why none applies; its frequency
   * over the time the window covers. The API's recommendations give the same advice as the alerts.
   */
  public String slowQueryAdvice(QueryStats query, long windowMillis) {
    return SlowQueryDetector.advice(query, catalog, coverage.perMinute(query.count(), windowMillis,
        source.nowMillis()));
  }

  /** Every rule now (the API's POST /analyze); returns the pending and firing alerts of these rules. */
  public List<Alert> evaluate(RuleSet rules) {
    return evaluate(rules.rules());
  }

  /** One group's rules; returns the pending and firing alerts of these rules, newest first. */
  public List<Alert> evaluate(List<RuleDefinition> rules) {
    long now = source.nowMillis();
    FleetWindows windows = new FleetWindows(source, now, scopes, coverage, rules);
    Instant at = Instant.ofEpochMilli(now);
    for (RuleDefinition rule : rules) {
      evaluate(compiled(rule), windows, at);
    }
    tracker.publish(at);
    Set<String> names = rules.stream().map(RuleDefinition::name).collect(Collectors.toSet());
    List<Alert> active = tracker.active();
    List<Alert> ours = new ArrayList<>(active.size());
    for (Alert alert : active) {
      if (names.contains(alert.rule())) {
        ours.add(alert);
      }
    }
    return ours.size() == active.size() ? active : Collections.unmodifiableList(ours);
  }

  /** After a reload: alerts and errors of rules that no longer exist resolve and go. */
  public void retainOnly(RuleSet rules) {
    Set<String> names = rules.rules().stream().map(RuleDefinition::name).collect(Collectors.toSet());
    compiled.keySet().retainAll(names);
    tracker.retainRules(names, Instant.ofEpochMilli(source.nowMillis()));
    errors.retain(names);
  }

  /** The last evaluation error of each rule that failed since start (and still exists). */
  public Map<String, RuleError> lastErrors() {
    return errors.lastErrors();
  }

  /** The rule compiled, once per definition (the scheduler passes the same definitions until a reload). */
  private CompiledRule compiled(RuleDefinition rule) {
    CompiledRule known = compiled.get(rule.name());
    if (known != null && known.definition() == rule) {
      return known;
    }
    CompiledRule fresh = compiler.compile(rule);
    compiled.put(rule.name(), fresh);
    return fresh;
  }

  private void evaluate(CompiledRule rule, FleetWindows windows, Instant now) {
    evaluations.increment();
    List<Candidate> candidates;
    try {
      candidates = windows.candidates(rule.definition(), rule.detector());
    } catch (RuntimeException e) {
      errors.record(rule.definition().name(), "evaluation failed", e);
      return;
    }
    Evaluation evaluation = new Evaluation();
    engine.fire(rule.rules(), RuleCompiler.facts(rule, candidates, evaluation));
    if (!evaluation.failed()) {
      try {
        tracker.apply(rule.definition(), evaluation.observations(), now);
      } catch (RuntimeException e) { // the texts of a new alert, composed by the tracker before it changes anything
        errors.record(rule.definition().name(), "action failed", e);
      }
    }
  }
}
