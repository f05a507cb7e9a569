package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfwatch.rules.alert.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileParserTest {

  private final RuleFileParser parser = new RuleFileParser(Map.of());

  private static RuleDefinition rule(RuleSet set, String name) {
    return set.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void shippedFileCoversEveryDetectorWithTheSpecDefaults() {
    RuleSet set = parser.parse(Fixtures.SHIPPED);

    assertThat(set.rules()).extracting(RuleDefinition::detector).contains(Detector.values());
    assertThat(rule(set, "high-avg-latency").threshold()).isEqualTo(1000);
    assertThat(rule(set, "high-p95-latency").threshold()).isEqualTo(2000);
    assertThat(rule(set, "high-error-rate").threshold()).isEqualTo(5);
    assertThat(rule(set, "slow-query").threshold()).isEqualTo(500);
    assertThat(rule(set, "high-cpu").threshold()).isEqualTo(80);
    assertThat(rule(set, "high-memory").threshold()).isEqualTo(85);
    assertThat(rule(set, "latency-degradation").threshold()).isEqualTo(50);
    assertThat(rule(set, "latency-degradation").severity()).isEqualTo(SeverityLadder.fixed(Severity.MEDIUM));
    assertThat(rule(set, "n-plus-one-queries").severity()).isEqualTo(SeverityLadder.fixed(Severity.MEDIUM));
    assertThat(rule(set, "low-disk-space").scope()).isEqualTo(Scope.MOUNT);
    assertThat(set.origin()).isEqualTo("perfwatch-rules.yml");
  }

  @Test
  void shippedErrorRateLadderIsCriticalOnlyAbove20Percent() {
    RuleDefinition errors = rule(parser.parse(Fixtures.SHIPPED), "high-error-rate");

    assertThat(errors.severity().levelFor(20.0, errors.threshold())).contains(Severity.HIGH);
    assertThat(errors.severity().levelFor(20.01, errors.threshold())).contains(Severity.CRITICAL);
    assertThat(errors.severity().levelFor(5.0, errors.threshold())).contains(Severity.LOW);
    assertThat(errors.severity().levelFor(4.9, errors.threshold())).isEmpty();
  }

  @Test
  void environmentOverridesShippedThresholds() {
    RuleSet set = new RuleFileParser(Map.of("PERFORMANCE_MAX_P95_LATENCY_MS", "1000",
        "PERFORMANCE_MAX_ERROR_RATE_PERCENT", "2.5", "PERFORMANCE_MAX_CPU_PERCENT", "70")).parse(Fixtures.SHIPPED);

    assertThat(rule(set, "high-p95-latency").threshold()).isEqualTo(1000);
    assertThat(rule(set, "high-error-rate").threshold()).isEqualTo(2.5);
    assertThat(rule(set, "high-cpu").threshold()).isEqualTo(70);
    assertThat(rule(set, "high-avg-latency").threshold()).isEqualTo(1000);
  }

  @Test
  void emptyEnvironmentValueTakesTheDefault() {
    RuleSet set = new RuleFileParser(Map.of("PERFORMANCE_MAX_CPU_PERCENT", "")).parse(Fixtures.SHIPPED);

    assertThat(rule(set, "high-cpu").threshold()).isEqualTo(80);
  }

  @Test
  void invalidEnvironmentValueIsReportedWithItsSource() {
    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> new RuleFileParser(Map.of("PERFORMANCE_MAX_CPU_PERCENT", "lots")).parse(Fixtures.SHIPPED))
        .withMessage("1 problem in perfwatch-rules.yml\n  perfwatch-rules.yml:132:20: rule 'high-cpu': 'threshold' is "
            + "'lots' (from ${PERFORMANCE_MAX_CPU_PERCENT:80}); expected a number greater than 0, e.g. threshold: 2000");
  }

  @Test
  void builtInRulesComeFromTheJarResource() {
    RuleSet builtIn = parser.parseBuiltIn();

    assertThat(builtIn.origin()).isEqualTo("built-in");
    assertThat(builtIn.rules()).hasSameSizeAs(parser.parse(Fixtures.SHIPPED).rules());
    assertThat(RuleFileParser.builtIn().rules()).isNotEmpty();
  }

  @Test
  void allOptionsFixtureReadsEveryKey() {
    RuleSet set = parser.parse(Fixtures.read("valid/all-options.yml"), "all-options.yml");
    RuleDefinition p99 = rule(set, "checkout_p99");

    assertThat(p99.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(p99.threshold()).isEqualTo(750.5);
    assertThat(p99.window()).isEqualTo(Duration.ofMinutes(90));
    assertThat(p99.forDuration()).isEqualTo(Duration.ofMillis(500));
    assertThat(p99.keepFiringFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p99.minRequests()).isEqualTo(100);
    assertThat(p99.labels()).containsExactly(Map.entry("team", "payments"), Map.entry("tier", "1"));
    assertThat(p99.position()).hasToString("all-options.yml:5:9");
    assertThat(rule(set, "checkout-errors-4xx").include4xx()).isTrue();
    assertThat(rule(set, "checkout-degradation").baseline()).isEqualTo(Baseline.SAME_HOUR_YESTERDAY);
    assertThat(rule(set, "disk").scope()).isEqualTo(Scope.MOUNT);
    assertThat(set.group("host")).extracting(RuleDefinition::name).containsExactly("concurrency", "disk");
    assertThat(set.intervals()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(90));
  }

  @Test
  void defaultsApplyToOptionalKeys() {
    RuleDefinition minimal = parser.parse(Fixtures.read("valid/minimal.yml"), "minimal.yml").rules().get(0);

    assertThat(minimal.scope()).isEqualTo(Scope.ENDPOINT);
    assertThat(minimal.minRequests()).isEqualTo(1);
    assertThat(minimal.forDuration()).isZero();
    assertThat(minimal.keepFiringFor()).isZero();
    assertThat(minimal.include()).isEmpty();
    assertThat(minimal.labels()).isEmpty();
  }

  @Test
  void returnedCollectionsAreImmutable() {
    RuleSet set = parser.parse(Fixtures.SHIPPED);
    RuleDefinition rule = set.rules().get(0);

    assertThatThrownBy(() -> set.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> rule.annotations().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> rule.severity().ratios().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.intervals().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsFileLargerThanOneMebibyte() {
    String big = "# " + "x".repeat(RuleFileParser.MAX_BYTES) + "\n";

    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parser.parse(big, "big.yml"))
        .withMessage("1 problem in big.yml\n  big.yml:1:1: file is 1048579 bytes; rule files are limited to "
            + "1048576 bytes (1 MiB)");
  }

  @Test
  void rejectsMissingFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yml");

    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parser.parse(missing))
        .withMessage("1 problem in " + missing + "\n  " + missing + ":1:1: cannot read the file: NoSuchFileException "
            + missing);
  }

  @Test
  void rejectsFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
    Path latin1 = dir.resolve("latin1.yml");
    Files.write(latin1, new byte[] {'#', ' ', (byte) 0xE9, '\n'});

    assertThatExceptionOfType(RuleFileException.class)
        .isThrownBy(() -> parser.parse(latin1))
        .withMessage("1 problem in " + latin1 + "\n  " + latin1 + ":1:1: file is not valid UTF-8; save it as UTF-8");
  }
}
