package io.perfwatch.rules.yaml;

import java.util.List;

/**
 * A rule file that cannot be used, with every problem found in it (not just the first), so one edit-check cycle
 * fixes them all. The message lists one problem per line:
 *
 * <pre>
 * 2 problems in rules/latency.yaml
 *   rules/latency.yaml:14:5: rule 'p99-latency-high': 'threshold' is missing (expected a number, e.g. threshold: 2000)
 *   ...
 * </pre>
 */
public final class RuleFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<RuleProblem> problems;

  public RuleFileException(String file, List<RuleProblem> problems) {
    super(message(file, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems in file order; never empty. */
  public List<RuleProblem> problems() {
    return problems;
  }

  private static String message(String file, List<RuleProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a RuleFileException needs at least one problem");
    }
    StringBuilder sb = new StringBuilder()
        .append(problems.size()).append(problems.size() == 1 ? " problem in " : " problems in ").append(file);
    for (RuleProblem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
