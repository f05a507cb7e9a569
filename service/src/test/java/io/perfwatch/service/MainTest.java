package io.perfwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line run in-process through picocli, with out and err captured. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cli = Main.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static Path brokenFile() throws URISyntaxException {
    return Path.of(MainTest.class.getResource("/rules/broken.yml").toURI());
  }

  @Test
  void rulesCheckAcceptsTheShippedRules() {
    int exit = run(Map.of(), "rules", "check", "../rules/perfwatch-rules.yml");

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo("OK: 13 rules in 6 groups" + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void rulesCheckPrintsEveryProblemWithItsPosition() throws URISyntaxException {
    Path file = brokenFile();

    int exit = run(Map.of(), "rules", "check", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).containsExactly(
        file + ":5:9: rule 'slow-api': 'threshold' is missing (expected a number greater than 0, e.g. threshold: 2000)",
        file + ":9:19: rule 'slow-api': severity level 'urgent' is unknown; expected one of [low, medium, high, critical]",
        file + ":10:15: rule 'Bad Name': 'name' is 'Bad Name'; expected lowercase letters, digits, '-' and '_', "
            + "e.g. name: high-p95-latency");
  }

  @Test
  void rulesCheckReportsAMissingFileAsAProblem() {
    int exit = run(Map.of(), "rules", "check", "no-such-rules.yml");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("no-such-rules.yml:1:1: cannot read the file: NoSuchFileException");
  }

  @Test
  void rulesCheckWithoutFileIsAUsageError() {
    int exit = run(Map.of(), "rules", "check");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("Missing required parameter: 'FILE'");
  }

  @Test
  void rulesWithoutSubcommandIsAUsageError() {
    int exit = run(Map.of(), "rules");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("Missing subcommand: expected one of [check, export]");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    int exit = run(Map.of(), "frobnicate");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("Unmatched argument at index 0: 'frobnicate'");
  }

  @Test
  void helpListsTheSubcommands() {
    int exit = run(Map.of(), "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("Usage: perfwatch [-hV] [COMMAND]").contains("  serve  ", "  rules  ");
  }

  @Test
  void everySubcommandHasHelpAndVersion() {
    assertThat(run(Map.of(), "serve", "--help")).isZero();
    assertThat(run(Map.of(), "rules", "--help")).isZero();
    assertThat(run(Map.of(), "rules", "check", "--help")).isZero();
    assertThat(run(Map.of(), "rules", "check", "--version")).isZero();

    assertThat(out.toString())
        .contains("Usage: perfwatch serve [-hV]", "Usage: perfwatch rules [-hV] [COMMAND]",
            "Usage: perfwatch rules check [-hV] FILE", "${ENV_VAR:default} references")
        .endsWith("perfwatch (development build, not from a jar)" + System.lineSeparator());
  }

  @Test
  void serveFailsOnInvalidSettingsNamingEachVariable() {
    int exit = run(Map.of("PERFORMANCE_HTTP_PORT", "http", "PERFORMANCE_DEMO_TRAFFIC", "maybe"), "serve");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines()).containsExactly(
        "2 invalid perfwatch settings:",
        "  PERFORMANCE_HTTP_PORT='http': expected a whole number from 0 to 65535",
        "  PERFORMANCE_DEMO_TRAFFIC='maybe': expected true or false");
  }

  /**
   * The port is held open here: had the service tried to listen before checking its settings, it would report that
   * the port is taken instead of the settings.
   */
  @Test
  void serveReportsThreeBadSettingsTogetherBeforeBindingThePort() throws Exception {
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit = run(Map.of("PERFORMANCE_HTTP_PORT", String.valueOf(held.getLocalPort()),
          "PERFORMANCE_MAX_ROUTES", "0",
          "PERFORMANCE_ALERT_HISTORY_HOURS", "x",
          "PERFORMANCE_PROMETHEUS_URL", "prometheus"), "serve");

      assertThat(exit).isEqualTo(1);
      assertThat(out.toString()).isEmpty();
      assertThat(err.toString().lines()).containsExactly(
          "3 invalid perfwatch settings:",
          "  PERFORMANCE_MAX_ROUTES='0': expected a whole number from 1 to 100000",
          "  PERFORMANCE_ALERT_HISTORY_HOURS='x': expected a whole number from 1 to 8760",
          "  PERFORMANCE_PROMETHEUS_URL='prometheus': expected an http(s) URL such as http://prometheus:9090");
    }
  }

  @Test
  void configCheckReportsTheEnvironmentsProblemsOrOk() {
    assertThat(run(Map.of("PERFORMANCE_MAX_TABLES", "many"), "config", "--check")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("Invalid perfwatch setting: PERFORMANCE_MAX_TABLES='many': expected a whole "
        + "number from 1 to 100000" + System.lineSeparator());

    assertThat(run(Map.of("PERFORMANCE_MAX_TABLES", "20"), "config", "--check")).isZero();
    assertThat(out.toString()).isEqualTo("OK: the PERFORMANCE_* settings are valid" + System.lineSeparator());
  }

  @Test
  void configCheckWarnsAboutAnUndeclaredVariableNamingTheClosestSetting() {
    int exit = run(Map.of("PERFORMANCE_MAX_ROUTE", "10", "PERFORMANCE_MY_SLO_MS", "300"), "config", "--check");

    assertThat(exit).isZero();
    assertThat(err.toString().lines()).containsExactly(
        "warning: PERFORMANCE_MAX_ROUTE is not a perfwatch setting (did you mean PERFORMANCE_MAX_ROUTES?); only rule "
            + "files' ${PERFORMANCE_MAX_ROUTE} references read it",
        "warning: PERFORMANCE_MY_SLO_MS is not a perfwatch setting; only rule files' ${PERFORMANCE_MY_SLO_MS} "
            + "references read it");
    assertThat(out.toString()).isEqualTo("OK: the PERFORMANCE_* settings are valid" + System.lineSeparator());
  }

  @Test
  void serveHelpPointsAtTheSettingsReference() {
    assertThat(run(Map.of(), "serve", "--help")).isZero();
    assertThat(out.toString()).contains("'perfwatch config' lists them all");
  }

  @Test
  void noSubcommandMeansServe() {
    int exit = run(Map.of("PERFORMANCE_HTTP_PORT", "-1"));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("Invalid perfwatch setting: PERFORMANCE_HTTP_PORT='-1': expected a whole "
        + "number from 0 to 65535" + System.lineSeparator());
  }
}
