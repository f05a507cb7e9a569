package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random mutations of the real fixture: the parser returns families or throws its own exception, nothing else. */
class PrometheusTextParserFuzzTest {
  private static final String ALPHABET = "{}\",=\\#\n\r \t_le+-.eE0123456789aInfNa\u00e9\u0000";

  @Test
  void mutatedExpositionsOnlyEverThrowPrometheusFormatException() {
    String fixture = Fixtures.read("micrometer-exposition.txt");
    PrometheusTextParser parser = new PrometheusTextParser();
    Random random = new Random(20260115);
    int rejected = 0;
    for (int run = 0; run < 2_000; run++) {
      String mutated = mutate(fixture, random, 1 + random.nextInt(8));
      try {
        parser.parse(mutated);
      } catch (PrometheusFormatException expected) {
        rejected++;
      } catch (RuntimeException e) {
        throw new AssertionError("run " + run + " threw " + e + " for:\n" + mutated, e);
      }
    }
    assertThat(rejected).as("mutations rejected").isBetween(100, 1_999);
  }

  private static String mutate(String text, Random random, int mutations) {
    StringBuilder s = new StringBuilder(text);
    for (int m = 0; m < mutations && s.length() > 0; m++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(5)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 3 -> s.setLength(at);
        default -> {
          int end = Math.min(s.length(), at + random.nextInt(80));
          s.insert(random.nextInt(s.length()), s.substring(at, end));
        }
      }
    }
    return s.toString();
  }
}
