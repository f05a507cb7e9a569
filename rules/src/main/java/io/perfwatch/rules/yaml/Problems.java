package io.perfwatch.rules.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one file so all of them are reported together, in file order, and its warnings: values
 * that load but are probably not what the author meant.
 */
final class Problems {

  private final String file;
  private final List<RuleProblem> problems = new ArrayList<>();
  private final List<RuleProblem> warnings = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** SnakeYAML marks are 0-based; editors count from 1. */
  SourcePosition at(@Nullable Mark mark) {
    return mark == null ? start() : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  SourcePosition at(Node node) {
    return at(node.getStartMark());
  }

  SourcePosition start() {
    return new SourcePosition(file, 1, 1);
  }

  void add(SourcePosition position, @Nullable String rule, String message) {
    problems.add(new RuleProblem(position, rule, message));
  }

  void add(Node node, @Nullable String rule, String message) {
    add(at(node), rule, message);
  }

  void warn(Node node, @Nullable String rule, String message) {
    warnings.add(new RuleProblem(at(node), rule, message));
  }

  /** The warnings in file order. */
  List<RuleProblem> warnings() {
    return sorted(warnings);
  }

  int count() {
    return problems.size();
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  RuleFileException toException() {
    return new RuleFileException(file, sorted(problems));
  }

  private static List<RuleProblem> sorted(List<RuleProblem> list) {
    List<RuleProblem> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparingInt((RuleProblem p) -> p.position().line())
        .thenComparingInt(p -> p.position().column()));
    return List.copyOf(sorted);
  }
}
