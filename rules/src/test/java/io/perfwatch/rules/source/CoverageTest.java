package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfwatch.exporter.store.WindowStats;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CoverageTest {
  private static final long MINUTE = 60_000;
  private static final long START = 1_768_473_000_000L;

  private final AtomicLong now = new AtomicLong(START);

  @Test
  void aStoreOrScrapeCoversTheTimeSinceItStarted() {
    Coverage coverage = Coverage.from(new WatchedSource(source(), "in_process"));
    now.addAndGet(2 * MINUTE);

    assertThat(coverage.collectingSinceMillis()).isEqualTo(START);
    assertThat(coverage.coveredMillis(10 * MINUTE, now.get())).isEqualTo(2 * MINUTE);
    assertThat(coverage.perMinute(150, 10 * MINUTE, now.get())).isEqualTo(75.0);
    assertThat(coverage.perMinute(150, MINUTE, now.get())).isEqualTo(150.0);
  }

  @Test
  void theFirstMomentsCountAsOneSecond() {
    Coverage coverage = Coverage.from(source());
    now.addAndGet(20);

    assertThat(coverage.coveredMillis(10 * MINUTE, now.get())).isEqualTo(1_000);
    assertThat(coverage.perMinute(2, 10 * MINUTE, now.get())).isEqualTo(120.0);
  }

  @Test
  void prometheusHasItsOwnHistoryAlsoWhenItsHealthIsWatched() {
    Coverage coverage = Coverage.from(new WatchedSource(source(true), "prometheus"));

    assertThat(coverage).isEqualTo(Coverage.FULL_HISTORY);
    assertThat(coverage.coveredMillis(24 * 60 * MINUTE, now.get())).isEqualTo(24 * 60 * MINUTE);
    assertThat(coverage.perMinute(12, 24 * 60 * MINUTE, now.get())).isEqualTo(12 / 1440.0);
  }

  private StatsSource source() {
    return source(false);
  }

  private StatsSource source(boolean ownHistory) {
    return new StatsSource() {
      @Override
      public boolean ownHistory() {
        return ownHistory;
      }

      @Override
      public WindowStats window(long fromMillis, long toMillis) {
        return EmptyStats.of(fromMillis, toMillis);
      }

      @Override
      public long nowMillis() {
        return now.get();
      }

      @Override
      public String describe() {
        return "test";
      }
    };
  }
}
