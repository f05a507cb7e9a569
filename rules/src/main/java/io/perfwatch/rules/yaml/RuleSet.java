package io.perfwatch.rules.yaml;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validated rules of one file, in file order.
 *
 * @param origin the file path, or {@code built-in} for the default packaged in the jar
 * @param warnings values that load but are probably mistakes (a percent threshold below 1, a raw path in
 *     {@code include}), in file order
 */
public record RuleSet(List<RuleDefinition> rules, String origin, List<RuleProblem> warnings) {

  public RuleSet {
    rules = List.copyOf(rules);
    Objects.requireNonNull(origin, "origin");
    warnings = List.copyOf(warnings);
  }

  /** Rules without warnings. */
  public RuleSet(List<RuleDefinition> rules, String origin) {
    this(rules, origin, List.of());
  }

  /** The rules of group {@code name}, in file order (empty for an unknown group). */
  public List<RuleDefinition> group(String name) {
    return rules.stream().filter(r -> r.group().equals(name)).toList();
  }

  /** The distinct evaluation intervals, shortest first: the engine schedules one evaluation loop per interval. */
  public Set<Duration> intervals() {
    TreeSet<Duration> intervals = new TreeSet<>();
    rules.forEach(r -> intervals.add(r.interval()));
    return Collections.unmodifiableSet(intervals);
  }
}
