package io.perfwatch.service;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code perfwatch [serve]}, {@code perfwatch config [--check]}, {@code perfwatch rules check FILE}. Exit codes: 0
 * success, 1 invalid input (rule file, configuration) or a failed start, 2 command-line misuse (picocli's usage
 * errors).
 */
@Command(name = "perfwatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Performance monitoring for JVM web services. Without a subcommand: serve.")
public final class Main implements Callable<Integer> {
  static final int OK = 0;
  static final int INVALID = 1;

  private final ServeCommand serve;

  private Main(ServeCommand serve) {
    this.serve = serve;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /**
   * The whole command tree, reading settings from {@code env} instead of the process environment (tests pass a map;
   * nothing mutates the real environment). Run it with {@code execute(args)}; {@code setOut}/{@code setErr} capture.
   */
  public static CommandLine commandLine(Map<String, String> env) {
    ServeCommand serve = new ServeCommand(env);
    return new CommandLine(new Main(serve))
        .addSubcommand(serve)
        .addSubcommand(new ConfigCommand(env))
        .addSubcommand(RulesCommand.commandLine(env));
  }

  /** No subcommand means serve, so {@code java -jar perfwatch.jar} starts the service. */
  @Override
  public Integer call() throws InterruptedException {
    return serve.call();
  }
}
