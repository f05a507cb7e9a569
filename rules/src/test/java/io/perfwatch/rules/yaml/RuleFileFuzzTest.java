package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.testkit.CapturedStderr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of the shipped file (reproducible: the failing seed is in the assertion message). The parser may
 * only accept or throw {@link RuleFileException}; the watcher never swaps in a broken set.
 */
class RuleFileFuzzTest {

  private static final int RUNS = 1500;
  private static final String[] INSERTS = {"!!java.lang.Runtime ", "!foo ", "&a ", "*a", "${", "${X}", "{{", "[",
      "]", "{", "}", ": ", "- ", "\t", "'", "\"", "#", "\u0000", "\u0007", "\uFEFF", "\uD83D\uDE00", "é", "\\", "?",
      "|", ">", "%YAML 1.1\n", "---\n", "...\n", "\u2028", "-1", ".nan", "1e999", "99999999999999999999"};

  private final List<String> lines = List.of(Fixtures.shipped().split("\n", -1));

  @Test
  void parserOnlyEverThrowsRuleFileException() {
    RuleFileParser parser = new RuleFileParser(Map.of("PERFORMANCE_MAX_CPU_PERCENT", "75"));
    int accepted = 0;
    for (int seed = 0; seed < RUNS; seed++) {
      String mutated = mutate(new Random(seed));
      try {
        RuleSet set = parser.parse(mutated, "fuzz.yml");
        assertThat(set.rules()).as("seed %d", seed).allSatisfy(r -> assertThat(r.threshold()).isPositive());
        accepted++;
      } catch (RuleFileException e) {
        assertThat(e.problems()).as("seed %d", seed).isNotEmpty();
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + " threw " + e + " for:\n" + mutated, e);
      }
    }
    assertThat(accepted).as("some mutations (comments, whitespace) keep the file valid").isPositive();
  }

  @Test
  void watcherNeverReplacesGoodRulesWithABrokenSet(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("rules.yml"), Fixtures.shipped());
    RuleFileParser parser = new RuleFileParser(Map.of());
    int rejected = 0;
    try (CapturedStderr log = CapturedStderr.quiet();
        RuleFileWatcher watcher = new RuleFileWatcher(file, parser, new SimpleMeterRegistry())) {
      String lastWritten = Fixtures.shipped();
      for (int seed = 0; seed < 300; seed++) {
        String mutated = mutate(new Random(seed));
        Files.writeString(file, mutated);
        boolean valid = isValid(parser, mutated);
        rejected += !valid && !mutated.equals(lastWritten) ? 1 : 0;
        RuleSet before = watcher.current();

        boolean reloaded = watcher.reloadIfChanged();

        assertThat(reloaded).as("seed %d", seed).isEqualTo(valid && !mutated.equals(lastWritten));
        lastWritten = mutated;
        if (!reloaded) {
          assertThat(watcher.current()).as("seed %d", seed).isSameAs(before);
        }
        assertThat(watcher.current().rules()).as("seed %d", seed).isNotEmpty();
      }
      assertThat(log.lines().stream().filter(l -> l.contains("ERROR io.perfwatch.rules.yaml.RuleFileWatcher - "
          + "Rejected changed rule file, keeping the previous rules: ")).count())
          .as("each rejected change is logged once").isEqualTo(rejected).isPositive();
    }
  }

  private static boolean isValid(RuleFileParser parser, String text) {
    try {
      parser.parse(text, "check.yml");
      return true;
    } catch (RuleFileException e) {
      return false;
    }
  }

  private String mutate(Random random) {
    List<String> mutated = new ArrayList<>(lines);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(mutated.size());
      String line = mutated.get(at);
      switch (random.nextInt(7)) {
        case 0 -> mutated.remove(at);
        case 1 -> mutated.add(at, line);
        case 2 -> Collections.swap(mutated, at, random.nextInt(mutated.size()));
        case 3 -> mutated.set(at, replaceChar(line, random, (char) (32 + random.nextInt(95))));
        case 4 -> mutated.set(at, insert(line, random, INSERTS[random.nextInt(INSERTS.length)]));
        case 5 -> mutated.set(at, insert(line, random, new String(Character.toChars(randomCodePoint(random)))));
        default -> mutated.set(at, line.isEmpty() ? line : line.substring(0, random.nextInt(line.length())));
      }
    }
    return String.join("\n", mutated);
  }

  private static int randomCodePoint(Random random) {
    int cp;
    do {
      cp = random.nextInt(0x30000);
    } while (Character.isSurrogate((char) cp) && cp <= 0xFFFF);
    return cp;
  }

  private static String replaceChar(String line, Random random, char c) {
    if (line.isEmpty()) {
      return String.valueOf(c);
    }
    int at = random.nextInt(line.length());
    return line.substring(0, at) + c + line.substring(at + 1);
  }

  private static String insert(String line, Random random, String text) {
    int at = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
    return line.substring(0, at) + text + line.substring(at);
  }
}
