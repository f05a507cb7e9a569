package io.perfwatch.service.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.service.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RulesExportCommandTest {

  @Test
  void committedAlertsFileIsTheExportOfTheShippedRules() throws Exception {
    Run run = run("rules", "export", "../rules/perfwatch-rules.yml", "--format", "prometheus");

    assertThat(run.exit).isZero();
    // the committed file was exported from the repository root
    String regenerated = run.out.replace("export ../rules/perfwatch-rules.yml", "export rules/perfwatch-rules.yml");
    assertThat(Files.readString(Repo.ALERTS))
        .as("prometheus/perfwatch-alerts.yml is stale: run `java -jar service/target/perfwatch.jar rules export "
            + "rules/perfwatch-rules.yml --format prometheus > prometheus/perfwatch-alerts.yml`")
        .isEqualTo(regenerated);
  }

  @Test
  void rulesPromQlCannotExpressAreListedOnStderrWithTheReason() {
    Run run = run("rules", "export", "../rules/perfwatch-rules.yml", "--format", "prometheus");

    assertThat(run.err).isEqualTo("../rules/perfwatch-rules.yml: rule 'memory-leak': not exported: resource "
        + "memory_leak: the engine asks for steady growth (a least-squares slope over the window and most "
        + "consecutive samples rising); deriv() alone would also fire on one step up of a sawing heap"
        + System.lineSeparator());
  }

  @Test
  void exportWithoutFormatIsAUsageError() {
    Run run = run("rules", "export", "../rules/perfwatch-rules.yml");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("Missing required option: '--format=<format>'");
  }

  @Test
  void exportOfAnInvalidFileListsItsProblemsAndExitsOne() throws Exception {
    java.nio.file.Path bad = Files.createTempFile("rules", ".yml");
    Files.writeString(bad, "groups: 3\n");

    Run run = run("rules", "export", bad.toString(), "--format", "prometheus");

    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err).startsWith(bad + ":");
    assertThat(run.out).isEmpty();
  }

  @Test
  void helpDescribesTheCommand() {
    Run run = run("rules", "export", "--help");

    assertThat(run.exit).isZero();
    assertThat(run.out).contains("Convert a rule file into Prometheus alerting rules.", "--format=<format>",
        "prometheus");
  }

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine(Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private record Run(int exit, String out, String err) {}
}
