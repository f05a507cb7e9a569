package io.perfwatch.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.perfwatch.rules.alert.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeverityLadderTest {

  private final SeverityLadder ladder = new SeverityLadder(Map.of(Severity.LOW, 1.0, Severity.MEDIUM, 1.5,
      Severity.HIGH, 2.0, Severity.CRITICAL, 4.0));

  @Test
  void levelIsTheHighestWhoseRatioIsReached() {
    assertThat(ladder.levelFor(999, 1000)).isEmpty();
    assertThat(ladder.levelFor(1000, 1000)).contains(Severity.LOW);
    assertThat(ladder.levelFor(1499, 1000)).contains(Severity.LOW);
    assertThat(ladder.levelFor(1500, 1000)).contains(Severity.MEDIUM);
    assertThat(ladder.levelFor(3999, 1000)).contains(Severity.HIGH);
    assertThat(ladder.levelFor(40_000, 1000)).contains(Severity.CRITICAL);
  }

  @Test
  void fixedLevelAppliesFromTheThreshold() {
    SeverityLadder medium = SeverityLadder.fixed(Severity.MEDIUM);

    assertThat(medium.levelFor(49.9, 50)).isEmpty();
    assertThat(medium.levelFor(50, 50)).contains(Severity.MEDIUM);
    assertThat(medium.levelFor(5000, 50)).contains(Severity.MEDIUM);
  }

  @Test
  void raiseMovesUpTheLaddersOwnLevelsOnly() {
    SeverityLadder lowHigh = new SeverityLadder(Map.of(Severity.LOW, 1.0, Severity.HIGH, 2.0));

    assertThat(ladder.raise(Severity.MEDIUM, 1)).isEqualTo(Severity.HIGH);
    assertThat(ladder.raise(Severity.HIGH, 3)).isEqualTo(Severity.CRITICAL);
    assertThat(lowHigh.raise(Severity.LOW, 1)).isEqualTo(Severity.HIGH);
    assertThat(lowHigh.raise(Severity.HIGH, 1)).isEqualTo(Severity.HIGH);
    assertThat(SeverityLadder.fixed(Severity.HIGH).raise(Severity.HIGH, 1)).isEqualTo(Severity.HIGH);
    assertThat(ladder.raise(Severity.LOW, 0)).isEqualTo(Severity.LOW);
  }

  @Test
  void nonFiniteValuesGiveNoLevel() {
    assertThat(ladder.levelFor(Double.NaN, 1000)).isEmpty();
    assertThat(ladder.levelFor(2000, 0)).isEmpty();
  }

  @Test
  void rejectsLadderThatIsNotAscending() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SeverityLadder(Map.of(Severity.LOW, 2.0, Severity.HIGH, 1.5)))
        .withMessage("severity ratios must be finite, >= 1.0 and ascending with the level, got {LOW=2.0, HIGH=1.5}");
  }

  @Test
  void rejectsEmptyLadder() {
    assertThatIllegalArgumentException().isThrownBy(() -> new SeverityLadder(Map.of()))
        .withMessage("a severity ladder needs at least one level");
  }

  @Test
  void severityParsesLowercaseLabels() {
    assertThat(Severity.parse("critical")).contains(Severity.CRITICAL);
    assertThat(Severity.parse("CRITICAL")).isEmpty();
    assertThat(Severity.HIGH.label()).isEqualTo("high");
  }
}
