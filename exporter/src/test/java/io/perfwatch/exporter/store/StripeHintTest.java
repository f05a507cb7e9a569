package io.perfwatch.exporter.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StripeHintTest {
  @Test
  void aMoveGoesToTheNextStripeAndWrapsAround() {
    StripeHint hint = new StripeHint(3);

    assertThat(hint.stripe(4)).isEqualTo(3);
    assertThat(hint.move(4)).isZero();
    assertThat(hint.stripe(4)).isZero();
  }

  @Test
  void theSameHintServesSeriesOfAnyStripeCount() {
    StripeHint hint = new StripeHint(6);

    assertThat(hint.stripe(4)).isEqualTo(2);
    assertThat(hint.stripe(8)).isEqualTo(6);
    assertThat(hint.stripe(32)).isEqualTo(6);
  }
}
