package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileWatcherTest {

  @TempDir
  Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RuleFileParser parser = new RuleFileParser(Map.of());

  private Path write(String text) throws IOException {
    Path file = dir.resolve("rules.yml");
    // Write and rename, like editors do, so the poll never sees a half-written file.
    Path tmp = Files.writeString(dir.resolve("rules.yml.tmp"), text);
    return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private double failures() {
    return registry.get("perfwatch.rules.reload.failures").counter().count();
  }

  @Test
  void invalidInitialFileFailsConstruction() throws IOException {
    Path file = write("groups: 3\n");

    assertThatExceptionOfType(RuleFileException.class).isThrownBy(() -> new RuleFileWatcher(file, parser, registry));
  }

  @Test
  void validChangeIsPickedUp() throws IOException {
    Path file = write(Fixtures.read("valid/minimal.yml"));
    try (RuleFileWatcher watcher = new RuleFileWatcher(file, parser, registry)) {
      write(Fixtures.read("valid/minimal.yml").replace("threshold: 2000", "threshold: 1500"));

      assertThat(watcher.reloadIfChanged()).isTrue();
      assertThat(watcher.current().rules().get(0).threshold()).isEqualTo(1500);
      assertThat(watcher.reloadIfChanged()).isFalse();
      assertThat(watcher.lastFailure()).isEmpty();
    }
  }

  @Test
  void invalidChangeKeepsLastGoodRulesAndCountsTheFailure() throws IOException {
    Path file = write(Fixtures.read("valid/minimal.yml"));
    try (RuleFileWatcher watcher = new RuleFileWatcher(file, parser, registry)) {
      RuleSet good = watcher.current();
      write(Fixtures.read("invalid/missing-threshold.yml"));

      assertThat(watcher.reloadIfChanged()).isFalse();
      assertThat(watcher.current()).isSameAs(good);
      assertThat(failures()).isEqualTo(1);
      assertThat(watcher.lastFailure()).get().extracting(e -> e.problems().get(0).message())
          .isEqualTo("'threshold' is missing (expected a number greater than 0, e.g. threshold: 2000)");
      assertThat(watcher.reloadIfChanged()).isFalse();
      assertThat(failures()).as("an unchanged broken file is not counted again").isEqualTo(1);
    }
  }

  @Test
  void deletedFileKeepsLastGoodRules() throws IOException {
    Path file = write(Fixtures.read("valid/minimal.yml"));
    try (RuleFileWatcher watcher = new RuleFileWatcher(file, parser, registry)) {
      RuleSet good = watcher.current();
      Files.delete(file);

      assertThat(watcher.reloadIfChanged()).isFalse();
      assertThat(watcher.reloadIfChanged()).isFalse();
      assertThat(watcher.current()).isSameAs(good);
      assertThat(failures()).isZero();

      write(Fixtures.read("valid/minimal.yml").replace("window: 5m", "window: 10m"));
      assertThat(watcher.reloadIfChanged()).isTrue();
      assertThat(watcher.current().rules().get(0).window()).isEqualTo(Duration.ofMinutes(10));
    }
  }

  @Test
  void pollingThreadPicksUpChanges() throws IOException {
    Path file = write(Fixtures.read("valid/minimal.yml"));
    try (RuleFileWatcher watcher = new RuleFileWatcher(file, parser, registry)) {
      watcher.start(Duration.ofMillis(20));
      write(Fixtures.read("valid/minimal.yml").replace("threshold: 2000", "threshold: 999"));

      await().atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(watcher.current().rules().get(0).threshold()).isEqualTo(999));
    }
  }

  @Test
  void reloadFailureCounterIsExposedWithDescription() throws IOException {
    Path file = write(Fixtures.read("valid/minimal.yml"));
    try (RuleFileWatcher watcher = new RuleFileWatcher(file, parser, registry)) {
      assertThat(registry.get("perfwatch.rules.reload.failures").counter().getId().getDescription())
          .isEqualTo("Rule file reloads rejected because the file was invalid; the last good rules stay active");
    }
  }
}
