package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A thread whose stripe another thread holds moves on instead of waiting; stripe 0 is held throughout each test. */
class TimeSeriesStripeTest {
  private static final long MINUTE = Math.floorDiv(T0, TimeSeries.MINUTE_MILLIS);

  private final TimeSeries<RequestAccumulator, RequestRollup> series =
      new TimeSeries<>(RequestAccumulator::new, RequestRollup.CODEC, 24);
  private final CountDownLatch release = new CountDownLatch(1);
  private Thread holder;

  @BeforeEach
  void holdStripeZero() throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    holder = new Thread(() -> series.record(MINUTE, request("GET", "/a", 200, 5, T0), (acc, r) -> {
      acc.add(r);
      holding.countDown();
      try {
        release.await(10, TimeUnit.SECONDS); // keeps stripe 0 locked
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, new StripeHint(0)));
    holder.start();
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void releaseStripeZero() throws InterruptedException {
    release.countDown();
    holder.join(10_000);
    assertThat(holder.isAlive()).isFalse();
  }

  @Test
  void recordsOnTheNextStripeWithoutWaiting() {
    StripeHint mover = new StripeHint(0);

    boolean recorded = series.record(MINUTE, request("GET", "/a", 200, 7, T0), RequestAccumulator::add, mover);

    assertThat(recorded).isTrue();
    assertThat(holder.isAlive()).isTrue(); // stripe 0 is still held: this record did not wait for it
    assertThat(mover.stripe(4)).isEqualTo(1);
  }

  @Test
  void staysOnItsNewStripe() {
    StripeHint mover = new StripeHint(0);
    series.record(MINUTE, request("GET", "/a", 200, 7, T0), RequestAccumulator::add, mover);

    series.record(MINUTE, request("GET", "/a", 500, 9, T0), RequestAccumulator::add, mover);

    assertThat(mover.stripe(4)).isEqualTo(1);
  }

  @Test
  void countsEveryRecordOnceWhicheverStripeTookIt() throws InterruptedException {
    StripeHint mover = new StripeHint(0);
    series.record(MINUTE, request("GET", "/a", 200, 7, T0), RequestAccumulator::add, mover);
    series.record(MINUTE, request("GET", "/a", 500, 9, T0), RequestAccumulator::add, mover);
    releaseStripeZero();

    RequestRollup total = RequestRollup.mergeAll(series.cells(T0, T0).stream().map(TimeSeries.Cell::rollup).toList());

    assertThat(total.count()).isEqualTo(3);
    assertThat(total.serverErrors()).isEqualTo(1);
    assertThat(total.maxNanos()).isEqualTo(9_000_000);
  }
}
