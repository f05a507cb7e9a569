package io.perfwatch.service;

import io.perfwatch.rules.yaml.RuleDefinition;
import io.perfwatch.rules.yaml.RuleFileException;
import io.perfwatch.rules.yaml.RuleFileParser;
import io.perfwatch.rules.yaml.RuleSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates a rule file as the service would load it, printing every problem as {@code file:line:column}. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Validate a rule file.",
        "Prints 'OK: N rules in M groups' and exits 0, or prints every problem to stderr, one per line as "
            + "file:line:column: rule 'name': message, and exits 1.",
        "Suspicious values that still load (a percent threshold below 1, a raw path in 'include') are printed to "
            + "stderr as file:line:column: warning: rule 'name': message; they do not change the exit code.",
        // $$ escapes picocli's own ${...} interpolation
        "$${ENV_VAR:default} references are resolved against the environment."})
final class RulesCheckCommand implements Callable<Integer> {
  private final Map<String, String> env;
  @Spec
  private CommandSpec spec;
  @Parameters(paramLabel = "FILE", description = "the rule file, e.g. rules/perfwatch-rules.yml")
  private Path file;

  RulesCheckCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    RuleSet rules;
    try {
      rules = new RuleFileParser(env).parse(file);
    } catch (RuleFileException e) {
      e.problems().forEach(p -> spec.commandLine().getErr().println(p));
      return Main.INVALID;
    }
    rules.warnings().forEach(w -> spec.commandLine().getErr().println(w.position() + ": warning: "
        + (w.rule() == null ? "" : "rule '" + w.rule() + "': ") + w.message()));
    long groups = rules.rules().stream().map(RuleDefinition::group).distinct().count();
    String warnings = rules.warnings().isEmpty() ? "" : " (" + count(rules.warnings().size(), "warning") + ")";
    spec.commandLine().getOut().println("OK: " + count(rules.rules().size(), "rule") + " in "
        + count(groups, "group") + warnings);
    return Main.OK;
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
