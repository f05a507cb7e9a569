package io.perfwatch.service;

import io.perfwatch.exporter.config.PerfWatchConfigException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Starts the service and blocks until it is stopped (SIGTERM or Ctrl-C run the shutdown hook). */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Serve the demo app, /metrics and the JSON API on PERFORMANCE_HTTP_PORT (default 8080).",
        "Settings are PERFORMANCE_* environment variables:",
        "'perfwatch config' lists them all, 'perfwatch config --check' checks them."})
final class ServeCommand implements Callable<Integer> {
  private final Map<String, String> env;
  @Spec
  private CommandSpec spec;

  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServiceConfig config;
    try {
      config = ServiceConfig.fromEnvironment(env);
    } catch (PerfWatchConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return Main.INVALID;
    }
    UnknownSettings.warnings(env).forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    PerfWatchService service;
    try {
      service = new PerfWatchService(config); // reads the rules file: a bad one is reported with every problem
      service.start();
    } catch (IllegalStateException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return Main.INVALID;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "perfwatch-shutdown"));
    service.awaitStopped();
    return Main.OK;
  }
}
