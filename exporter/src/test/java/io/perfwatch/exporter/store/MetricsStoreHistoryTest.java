package io.perfwatch.exporter.store;

import static io.perfwatch.exporter.store.Records.HOUR;
import static io.perfwatch.exporter.store.Records.MINUTE;
import static io.perfwatch.exporter.store.Records.SECOND;
import static io.perfwatch.exporter.store.Records.T0;
import static io.perfwatch.exporter.store.Records.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsStoreHistoryTest {
  private final Records.FakeClock clock = new Records.FakeClock(T0);
  private final MetricsStore store = MetricsStore.builder().clock(clock::now).historyHours(6).build();

  @Test
  void minuteRolloverClosesThePreviousMinuteIntoARollup() {
    store.recordRequest(request("GET", "/a", 200, 10, T0 + 5 * SECOND));
    store.recordRequest(request("GET", "/a", 200, 10, T0 + MINUTE + 5 * SECOND));
    clock.set(T0 + MINUTE + 10 * SECOND);

    assertThat(store.retainedRollups()).isEqualTo(1); // minute 0; minute 1 is still being accumulated
    assertThat(store.endpointSeries("GET", "/a", Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .extracting(SeriesPoint::count).containsExactly(0L, 1L, 1L);
  }

  @Test
  void idleMinuteIsClosedWhenTheClockMovesOn() {
    store.recordRequest(request("GET", "/a", 200, 10, T0 + 5 * SECOND));
    clock.set(T0 + 2 * MINUTE);

    assertThat(store.retainedRollups()).isEqualTo(1);
    assertThat(store.window(Duration.ofMinutes(3)).total().count()).isEqualTo(1);
  }

  @Test
  void lateRecordCountsInItsOwnMinute() {
    store.recordRequest(request("GET", "/a", 200, 10, T0 + MINUTE + SECOND));
    store.recordRequest(request("GET", "/a", 200, 30, T0 + 59 * SECOND));
    clock.set(T0 + MINUTE + 30 * SECOND);

    List<SeriesPoint> points = store.endpointSeries("GET", "/a", Duration.ofMinutes(1), Duration.ofMinutes(1));

    assertThat(points).containsExactly(new SeriesPoint(T0, 1, 30.0, points.get(0).p95Ms(), 0),
        new SeriesPoint(T0 + MINUTE, 1, 10.0, points.get(1).p95Ms(), 0));
  }

  @Test
  void minutesOlderThanAnHourAreCompactedIntoTheirHour() {
    store.recordRequest(request("GET", "/a", 200, 10, T0 + 5 * MINUTE));
    store.recordRequest(request("GET", "/a", 500, 20, T0 + 6 * MINUTE));
    store.recordRequest(request("GET", "/a", 200, 30, T0 + 7 * MINUTE));
    clock.set(T0 + 2 * HOUR);

    assertThat(store.retainedRollups()).isEqualTo(1);
    EndpointStats stats = store.window(Duration.ofHours(3)).endpoint("GET", "/a").orElseThrow();
    assertThat(stats.count()).isEqualTo(3);
    assertThat(stats.serverErrors()).isEqualTo(1);
    assertThat(stats.avgMs()).isEqualTo(20.0);
    assertThat(stats.maxMs()).isEqualTo(30.0);
  }

  @Test
  void windowOlderThanAnHourIsWidenedToTheStartOfItsHour() {
    store.recordRequest(request("GET", "/a", 200, 10, T0 + 5 * MINUTE));
    clock.set(T0 + 2 * HOUR);

    assertThat(store.window(Duration.ofMinutes(90)).total().count()).isEqualTo(1); // from T0+30min, hour T0
    assertThat(store.window(Duration.ofMinutes(60)).total().count()).isZero();
  }

  @Test
  void dataOlderThanTheHistoryIsDroppedAndItsEndpointEvicted() {
    store.recordRequest(request("GET", "/a", 200, 10, T0));
    clock.set(T0 + 7 * HOUR); // a 6-hour window now starts at T0 + 1h

    assertThat(store.retainedRollups()).isZero();
    assertThat(store.trackedEndpoints()).isZero();
    assertThat(store.window(Duration.ofHours(6)).endpoints()).isEmpty();
    assertThat(store.totalRequests()).isEqualTo(1);
  }

  @Test
  void evictedEndpointIsRecreatedByTheNextRequest() {
    store.recordRequest(request("GET", "/a", 200, 10, T0));
    clock.set(T0 + 7 * HOUR);
    store.retainedRollups();

    store.recordRequest(request("GET", "/a", 200, 10, T0 + 7 * HOUR));

    assertThat(store.window(Duration.ofMinutes(1)).endpoint("GET", "/a").orElseThrow().count()).isEqualTo(1);
  }

  @Test
  void hourlySeriesHasOnePointPerHourIncludingEmptyOnes() {
    store.recordRequest(request("GET", "/a", 200, 10, T0 + 5 * MINUTE));
    store.recordRequest(request("GET", "/a", 500, 30, T0 + 50 * MINUTE));
    store.recordRequest(request("GET", "/a", 200, 40, T0 + 2 * HOUR + MINUTE));
    clock.set(T0 + 2 * HOUR + 30 * MINUTE);

    List<SeriesPoint> points = store.endpointSeries("GET", "/a", Duration.ofHours(3), Duration.ofHours(1));

    assertThat(points).extracting(SeriesPoint::startMillis)
        .containsExactly(T0 - HOUR, T0, T0 + HOUR, T0 + 2 * HOUR);
    assertThat(points).extracting(SeriesPoint::count).containsExactly(0L, 2L, 0L, 1L);
    assertThat(points).extracting(SeriesPoint::errors).containsExactly(0L, 1L, 0L, 0L);
    assertThat(points.get(1).avgMs()).isEqualTo(20.0);
  }

  @Test
  void seriesOfUnknownEndpointIsAllZeros() {
    assertThat(store.endpointSeries("GET", "/nothing", Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .containsExactly(new SeriesPoint(T0 - 2 * MINUTE, 0, 0, 0, 0), new SeriesPoint(T0 - MINUTE, 0, 0, 0, 0),
            new SeriesPoint(T0, 0, 0, 0, 0));
  }
}
