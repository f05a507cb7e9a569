package io.perfwatch.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real-component tier (JUnit tag {@code real}, switched on by {@code mvn verify -Preal}): what it needs and
 * what to do when it is missing. Such tests fail with these instructions; they never skip.
 */
public final class RealComponents {
  private RealComponents() {}

  /** The promtool binary on PATH (Debian package {@code prometheus}). */
  public static Path promtool() {
    return onPath("promtool").orElseThrow(() -> new AssertionError(
        "promtool not found on PATH: install Debian's prometheus package (apt-get install prometheus) "
            + "or run .ci/run, which installs it"));
  }

  static Optional<Path> onPath(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
