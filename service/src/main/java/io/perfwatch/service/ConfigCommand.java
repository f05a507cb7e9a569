package io.perfwatch.service;

import io.perfwatch.exporter.config.PerfWatchConfigException;
import io.perfwatch.exporter.config.SettingsReference;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perfwatch config}: every setting with its default, allowed values and meaning; {@code --check} checks. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Print every PERFORMANCE_* setting with its default, allowed values and meaning.",
        "The output is a valid env file: perfwatch config > perfwatch.env"})
final class ConfigCommand implements Callable<Integer> {
  private final Map<String, String> env;
  @Spec
  private CommandSpec spec;
  @Option(names = "--check", description = "Check the current environment instead: print every problem, exit 1.")
  private boolean check;

  ConfigCommand(Map<String, String> env) {
    this.env = env;
  }

  /** The reference text, exactly as printed and as embedded in the README. */
  static String reference() {
    return SettingsReference.render(ServiceSettings.ALL);
  }

  @Override
  public Integer call() {
    if (!check) {
      spec.commandLine().getOut().print(reference());
      return Main.OK;
    }
    UnknownSettings.warnings(env).forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    try {
      ServiceConfig.fromEnvironment(env);
    } catch (PerfWatchConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return Main.INVALID;
    }
    spec.commandLine().getOut().println("OK: the PERFORMANCE_* settings are valid");
    return Main.OK;
  }
}
