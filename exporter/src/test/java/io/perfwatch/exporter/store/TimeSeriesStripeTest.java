package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeSeriesStripeTest {
  private static final long MINUTE = Math.floorDiv(T0, TimeSeries.MINUTE_MILLIS);

  @Test
  void aThreadWhoseStripeIsTakenMovesToTheNextOneAndStaysThere() throws Exception {
    TimeSeries<RequestAccumulator, RequestRollup> series = new TimeSeries<>(RequestAccumulator::new, 24);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> series.record(MINUTE, request("GET", "/a", 200, 5, T0), (acc, r) -> {
      acc.add(r);
      holding.countDown();
      await(release); // keeps stripe 0 locked
    }, new StripeHint(0)));
    holder.start();
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

    StripeHint mover = new StripeHint(0);
    boolean recorded = series.record(MINUTE, request("GET", "/a", 200, 7, T0), RequestAccumulator::add, mover);

    assertThat(recorded).isTrue(); // did not wait for the holder, which still holds stripe 0
    assertThat(holder.isAlive()).isTrue();
    assertThat(mover.stripe(4)).isEqualTo(1);
    release.countDown();
    holder.join(10_000);
    series.record(MINUTE, request("GET", "/a", 500, 9, T0), RequestAccumulator::add, mover);
    assertThat(mover.stripe(4)).isEqualTo(1); // free now: no further move
    assertThat(series.cells(T0, T0).stream().mapToLong(c -> c.rollup().count()).sum()).isEqualTo(3);
    assertThat(series.cells(T0, T0).stream().mapToLong(c -> c.rollup().serverErrors()).sum()).isEqualTo(1);
  }

  @Test
  void aHintWrapsAroundTheStripes() {
    StripeHint hint = new StripeHint(3);

    assertThat(hint.stripe(4)).isEqualTo(3);
    assertThat(hint.move(4)).isZero();
    assertThat(hint.stripe(4)).isZero();
    assertThat(hint.stripe(8)).isEqualTo(4);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
