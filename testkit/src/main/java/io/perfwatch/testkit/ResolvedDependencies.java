package io.perfwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependencies Maven resolved for a project, as maven-dependency-plugin's {@code list} goal writes them
 * ({@code group:artifact:type[:classifier]:version:scope}, one a line): what a consumer project really runs with.
 */
public final class ResolvedDependencies {
  /** One resolved artifact. */
  public record Artifact(String groupId, String artifactId, String version, String scope) {
    @Override
    public String toString() {
      return groupId + ":" + artifactId + ":" + version + ":" + scope;
    }
  }

  private final List<Artifact> artifacts;

  private ResolvedDependencies(List<Artifact> artifacts) {
    this.artifacts = List.copyOf(artifacts);
  }

  public static ResolvedDependencies read(Path listFile) {
    List<Artifact> artifacts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(listFile)) {
        String coordinates = line.split(" -- ", 2)[0].trim();
        String[] parts = coordinates.split(":");
        if (parts.length == 5 || parts.length == 6) {
          artifacts.add(new Artifact(parts[0], parts[1], parts[parts.length - 2], parts[parts.length - 1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the dependency list " + listFile, e);
    }
    if (artifacts.isEmpty()) {
      throw new IllegalStateException(listFile + " lists no dependency: did dependency:list run?");
    }
    return new ResolvedDependencies(artifacts);
  }

  public List<Artifact> all() {
    return artifacts;
  }

  /** The versions resolved for artifacts of {@code groupId} whose id starts with {@code artifactPrefix}. */
  public Set<String> versions(String groupId, String artifactPrefix) {
    Set<String> versions = new TreeSet<>();
    for (Artifact a : artifacts) {
      if (a.groupId().equals(groupId) && a.artifactId().startsWith(artifactPrefix)) {
        versions.add(a.version());
      }
    }
    return versions;
  }

  /** Artifacts whose group starts with {@code groupPrefix}, e.g. {@code org.eclipse.jetty}. */
  public List<Artifact> inGroup(String groupPrefix) {
    return artifacts.stream().filter(a -> a.groupId().startsWith(groupPrefix)).toList();
  }
}
