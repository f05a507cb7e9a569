package io.perfwatch.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void numFormatsAsStringFormatWithOneDecimal() {
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      double value = switch (i % 4) {
        case 0 -> random.nextDouble() * 1000;
        case 1 -> Math.round(random.nextDouble() * 100_000) / 100.0; // two decimals: every half-way case
        case 2 -> -random.nextDouble() * 10;
        default -> random.nextGaussian() * 1e12;
      };
      if (value != Math.rint(value)) {
        assertThat(Texts.num(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
      }
    }
  }

  @Test
  void numRoundsHalfUpFromTheShortestDecimal() {
    assertThat(Texts.num(1.45)).isEqualTo("1.5");
    assertThat(Texts.num(0.25)).isEqualTo("0.3");
    assertThat(Texts.num(-0.04)).isEqualTo("-0.0");
    assertThat(Texts.num(2512.34)).isEqualTo("2512.3");
  }

  @Test
  void numWritesWholeNumbersWithoutDecimalsAndNaNAsIs() {
    assertThat(Texts.num(2000)).isEqualTo("2000");
    assertThat(Texts.num(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void numberIsAJsonNumberThatNeverRoundsANonZeroValueToZero() {
    assertThat(Texts.number(3000)).isEqualTo(3000L);
    assertThat(Texts.number(11.4567)).isEqualTo(11.5);
    assertThat(Texts.number(0.00833)).isEqualTo(0.00833);
    assertThat(Texts.number(2512.34)).isEqualTo(2512.3);
    assertThat(Texts.number(Double.NaN)).isEqualTo(Double.NaN);
  }
}
