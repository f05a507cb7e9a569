package io.perfwatch.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RoundTest {

  @Test
  void keepsThreeSignificantDigitsAndOneDecimalFromAHundredUp() {
    assertThat(Round.of(0.008333333)).isEqualTo(0.00833);
    assertThat(Round.of(12.345)).isEqualTo(12.3);
    assertThat(Round.of(5.125)).isEqualTo(5.12);
    assertThat(Round.of(99.96)).isEqualTo(100.0);
    assertThat(Round.of(1234.56)).isEqualTo(1234.6);
    assertThat(Round.of(-0.0421)).isEqualTo(-0.0421);
    assertThat(Round.of(0)).isZero();
    assertThat(Round.of(Double.NaN)).isNaN();
  }

  @Property
  void aNonZeroValueNeverRoundsToZero(@ForAll @DoubleRange(min = 1, max = 10) double mantissa,
      @ForAll @IntRange(min = -12, max = 12) int exponent) {
    double value = mantissa * Math.pow(10, exponent);
    assertThat(Round.of(value)).isPositive();
    assertThat(Round.of(-value)).isNegative();
  }

  @Property
  void theRoundedValueIsWithinHalfAUnitOfItsLastDigit(@ForAll @DoubleRange(min = 1, max = 10) double mantissa,
      @ForAll @IntRange(min = -9, max = 9) int exponent) {
    double value = mantissa * Math.pow(10, exponent);
    double rounded = Round.of(value);
    double unit = value >= 100 ? 0.1 : Math.pow(10, Math.floor(Math.log10(value)) - 2);

    assertThat(Math.abs(rounded - value)).isLessThanOrEqualTo(unit / 2 * (1 + 1e-9));
    assertThat(new BigDecimal(Double.toString(rounded)).stripTrailingZeros().precision())
        .isLessThanOrEqualTo(value >= 100 ? Long.toString((long) value).length() + 1 : 3);
  }
}
