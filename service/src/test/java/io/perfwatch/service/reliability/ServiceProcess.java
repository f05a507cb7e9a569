package io.perfwatch.service.reliability;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service in a JVM of its own, configured through real environment variables, with everything it writes to
 * stdout and stderr kept. Logging is the shipped configuration (info; Spark and Jetty warn; Easy Rules off) except
 * that perfwatch's own loggers run at TRACE, so nothing they could ever print is filtered out of the capture. (In
 * the test JVM, loggers are created once with the test configuration's WARN level and cannot be raised.)
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("perfwatch serving on http://localhost:(\\d+) ");
  private static final List<String> LOGGING = List.of(
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
      "-Dorg.slf4j.simpleLogger.log.io.perfwatch=trace",
      "-Dorg.slf4j.simpleLogger.log.spark=warn",
      "-Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn",
      "-Dorg.slf4j.simpleLogger.log.org.jeasy.rules=off");

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final Thread reader;
  private final int port;

  /**
   * Runs {@code main} with the test class path in {@code workDir}: the environment is this one without any
   * {@code PERFORMANCE_*} variable, plus {@code env}. Returns once the service logs the port it serves on.
   */
  public ServiceProcess(Class<?> main, Map<String, String> env, Path workDir) {
    this(main, env, workDir, "perfwatch serving on ");
  }

  /** As above, returning once the output also holds {@code ready} (a main that adds routes after start). */
  ServiceProcess(Class<?> main, Map<String, String> env, Path workDir, String ready) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path")));
    command.addAll(LOGGING);
    command.add(main.getName());
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("PERFORMANCE_"));
    builder.environment().putAll(env);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reader = new Thread(this::capture, "service-process-output");
    reader.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> output.indexOf(ready) >= 0 || !process.isAlive());
    Matcher serving = SERVING.matcher(output);
    if (output.indexOf(ready) < 0 || !serving.find()) {
      throw new AssertionError("the service did not start:\n" + output);
    }
    port = Integer.parseInt(serving.group(1));
  }

  public URI baseUri() {
    return URI.create("http://localhost:" + port);
  }

  public int port() {
    return port;
  }

  /** Everything written so far; after {@link #close()}, everything written until the JVM exited. */
  public String output() {
    return output.toString();
  }

  /** SIGTERM, as an orchestrator stops it: the shutdown hook stops the service and flushes the alert sinks. */
  @Override
  public void close() throws InterruptedException {
    process.toHandle().destroy(); // Process.destroy() would also close the pipes and lose the shutdown's output
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the service did not stop within 30 s of SIGTERM:\n" + output);
    }
    reader.join(10_000);
  }

  private void capture() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.append(line).append('\n');
      }
    } catch (IOException e) {
      output.append("[output capture failed: ").append(e).append("]\n");
    }
  }
}
