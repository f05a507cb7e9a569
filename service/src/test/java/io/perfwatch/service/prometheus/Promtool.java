package io.perfwatch.service.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's promtool; fails (never skips) when it is missing. */
final class Promtool {
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private Promtool() {}

  record Result(int exit, String output) {}

  static Result run(Path workDir, String stdin, String... args) throws IOException, InterruptedException {
    if (!Files.isExecutable(PROMTOOL)) {
      throw new AssertionError(PROMTOOL + " not found: install Debian's prometheus package (apt-get install "
          + "prometheus) or run .ci/run");
    }
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool " + args[0] + " timed out");
    }
    return new Result(p.exitValue(), out);
  }
}
