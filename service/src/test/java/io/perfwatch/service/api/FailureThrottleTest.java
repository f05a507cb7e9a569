package io.perfwatch.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final FailureThrottle throttle = new FailureThrottle(clock::get);

  @Test
  void aClientIsThrottledAfterTenFailuresUntilItsMinuteIsOver() {
    for (int i = 0; i < FailureThrottle.PER_CLIENT; i++) {
      assertThat(throttle.fail("10.0.0.1")).as("failure %d", i + 1).isZero();
    }
    clock.addAndGet(15_500);

    assertThat(throttle.fail("10.0.0.1")).isEqualTo(45); // 44.5 s left, rounded up
    assertThat(throttle.fail("10.0.0.2")).isZero();
    clock.addAndGet(44_500);
    assertThat(throttle.fail("10.0.0.1")).as("a new minute").isZero();
  }

  @Test
  void everyoneIsThrottledAfterAHundredFailuresTogether() {
    for (int i = 0; i < FailureThrottle.GLOBAL; i++) {
      assertThat(throttle.fail("10.0.1." + i)).isZero();
    }

    assertThat(throttle.fail("10.0.2.1")).isEqualTo(60);
    clock.addAndGet(FailureThrottle.WINDOW_MILLIS);
    assertThat(throttle.fail("10.0.2.1")).isZero();
  }
}
