package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each rule of {@link DeltaTracker}, as Prometheus's {@code increase()} reads a counter. */
class DeltaTrackerTest {
  private static final SeriesKey ORDERS = new SeriesKey("orders_total", Map.of("shop", "a"));

  private final DeltaTracker tracker = new DeltaTracker();
  private final PrometheusTextParser parser = new PrometheusTextParser();

  private Optional<Map<SeriesKey, Double>> scrape(String body) {
    return tracker.next(parser.parse(body));
  }

  private static String orders(double value) {
    return "# TYPE orders_total counter\norders_total{shop=\"a\"} " + value + "\n";
  }

  private static String users(double value) {
    return "# TYPE users_total counter\nusers_total " + value + "\n";
  }

  @Test
  void theFirstScrapeIsOnlyTheBaseline() {
    assertThat(scrape(orders(2000))).isEmpty();
    assertThat(scrape(orders(2005))).contains(Map.of(ORDERS, 5.0));
  }

  @Test
  void aValueBelowTheLastOneIsAResetCountedFromZero() {
    scrape(orders(2000));
    assertThat(scrape(orders(3))).contains(Map.of(ORDERS, 3.0));
  }

  @Test
  void aPartialExpositionAddsNothingAndTheSeriesBackAddsOnlyItsDifference() {
    scrape(orders(2000) + users(10));
    assertThat(scrape(users(10))).contains(Map.of()); // orders missing for one scrape
    assertThat(scrape(orders(2000) + users(10))).contains(Map.of()); // back, unchanged: 0, not 2000
    assertThat(scrape(orders(2007) + users(10))).contains(Map.of(ORDERS, 7.0));
  }

  @Test
  void aSeriesBackWithAHigherValueAddsTheDifferenceToItsLastValue() {
    scrape(orders(2000) + users(10));
    scrape(users(11));
    assertThat(scrape(orders(2004) + users(11))).contains(Map.of(ORDERS, 4.0));
  }

  @Test
  void aBrandNewSeriesAddsItsWholeValue() {
    scrape(users(10));
    assertThat(scrape(orders(3) + users(10))).contains(Map.of(ORDERS, 3.0));
  }

  @Test
  void aChangedCreatedTimestampIsAResetEvenWhenTheValueIsHigher() {
    String before = "# TYPE orders counter\norders_total{shop=\"a\"} 10\norders_created{shop=\"a\"} 1700000000\n";
    String restarted = "# TYPE orders counter\norders_total{shop=\"a\"} 12\norders_created{shop=\"a\"} 1700000600\n";
    String same = "# TYPE orders counter\norders_total{shop=\"a\"} 15\norders_created{shop=\"a\"} 1700000600\n";
    scrape(before);

    assertThat(scrape(restarted)).contains(Map.of(ORDERS, 12.0));
    assertThat(scrape(same)).contains(Map.of(ORDERS, 3.0));
  }

  @Test
  void aSeriesAbsentForAnHourOfScrapesIsForgotten() {
    scrape(orders(5) + users(1));
    for (int i = 0; i < DeltaTracker.FORGET_AFTER_SCRAPES; i++) {
      scrape(users(1));
    }
    assertThat(tracker.remembered()).isEqualTo(2);
    scrape(users(1));
    assertThat(tracker.remembered()).isEqualTo(1);
    assertThat(scrape(orders(5) + users(1))).contains(Map.of(ORDERS, 5.0));
  }
}
