package io.perfwatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rules check}: suspicious values are warnings on stderr, with positions, and the file still passes. */
class RulesCheckWarningsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void warnsAboutAFractionalPercentAndARawPathButExitsZero(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, """
        groups:
          - name: errors
            interval: 30s
            rules:
              - name: transaction-errors
                detector: error_rate
                include: ["/api/transactions/42"]
                threshold: 0.01
                window: 5m
                severity: high
        """);
    CommandLine cli = Main.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("rules", "check", file.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo("OK: 1 rule in 1 group (2 warnings)" + System.lineSeparator());
    assertThat(err.toString().lines()).containsExactly(
        file + ":7:19: warning: rule 'transaction-errors': route glob '/api/transactions/42' in 'include' looks "
            + "like a raw path (segment '42'): routes are matched as templates such as /api/orders/:id, so it "
            + "matches nothing; write the template or a glob, e.g. /api/transactions/*",
        file + ":8:20: warning: rule 'transaction-errors': 'threshold' is 0.01 percent, so the rule fires at "
            + "0.01 %; thresholds here are percents from 0 to 100 (threshold: 1 means 1 %), not fractions");
  }
}
