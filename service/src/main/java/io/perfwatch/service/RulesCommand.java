package io.perfwatch.service;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code perfwatch rules ...}: tools for rule files. Without a subcommand it is a usage error (exit 2). */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Work with rule files.")
final class RulesCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  /** Each rule-file tool is one subcommand here; {@code rules export FILE --format prometheus} joins as the next. */
  static CommandLine commandLine(Map<String, String> env) {
    return new CommandLine(new RulesCommand())
        .addSubcommand(new RulesCheckCommand(env))
        .addSubcommand(new RulesExportCommand(env));
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: expected one of "
        + spec.subcommands().keySet());
  }
}
