package io.perfwatch.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RateTest {
  private static final long MINUTE = 60_000;
  private static final long DAY = 24 * 60 * MINUTE;

  @Test
  void twelveRequestsOverAFullDayAreNotZero() {
    assertThat(Rate.perMinute(12, DAY, 3 * DAY)).isEqualTo(0.00833);
  }

  @Test
  void aServiceUpForLessThanTheWindowDividesByItsUptime() {
    assertThat(Rate.perMinute(363, 5 * MINUTE, 90_000)).isEqualTo(242.0);
    assertThat(Rate.perMinute(363, 5 * MINUTE, 10 * MINUTE)).isEqualTo(72.6);
  }

  @Test
  void theFirstSecondCountsAsASecond() {
    assertThat(Rate.perMinute(2, 5 * MINUTE, 20)).isEqualTo(120.0);
    assertThat(Rate.perMinute(0, 5 * MINUTE, 0)).isZero();
  }

  @Property
  void rateTimesCoveredMinutesGivesTheCountBack(@ForAll @LongRange(min = 0, max = 10_000_000) long events,
      @ForAll @LongRange(min = 1, max = 24 * 60) long windowMinutes,
      @ForAll @LongRange(min = 0, max = 2 * DAY) long uptimeMillis) {
    double rate = Rate.perMinute(events, windowMinutes * MINUTE, uptimeMillis);
    double coveredMinutes = Math.max(1_000, Math.min(windowMinutes * MINUTE, uptimeMillis)) / (double) MINUTE;

    assertThat(rate * coveredMinutes).isCloseTo(events, within(events * 0.005 + 1e-9)); // 3 significant digits
    assertThat(rate > 0).isEqualTo(events > 0);
  }
}
