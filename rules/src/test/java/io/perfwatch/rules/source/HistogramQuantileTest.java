package io.perfwatch.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The cases of Prometheus's {@code histogram_quantile} over classic buckets, each with its exact answer. */
class HistogramQuantileTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void interpolatesLinearlyInsideTheBucketOfTheRank() {
    // rank 0.95 × 10 = 9.5 lies in (0.1, 0.5], which holds 8 of the 10: 0.1 + 0.4 × 7.5 / 8
    assertThat(HistogramQuantile.of(0.95, new double[] {0.1, 0.5, INF}, new double[] {2, 10, 10}))
        .isEqualTo(0.1 + (0.5 - 0.1) * (7.5 / 8));
  }

  @Test
  void theFirstBucketStartsAtZero() {
    assertThat(HistogramQuantile.of(0.5, new double[] {0.2, 1, INF}, new double[] {10, 10, 10})).isEqualTo(0.1);
  }

  @Test
  void aFirstBucketBoundedAtZeroOrBelowAnswersItsBound() {
    assertThat(HistogramQuantile.of(0.5, new double[] {-1, 1, INF}, new double[] {10, 10, 10})).isEqualTo(-1);
  }

  @Test
  void aRankInTheInfBucketAnswersTheHighestFiniteBound() {
    assertThat(HistogramQuantile.of(0.99, new double[] {0.1, 0.5, INF}, new double[] {2, 5, 10})).isEqualTo(0.5);
  }

  @Test
  void bucketsAreSortedByBoundWhateverTheOrderGiven() {
    assertThat(HistogramQuantile.of(0.95, new double[] {INF, 0.5, 0.1}, new double[] {10, 10, 2}))
        .isEqualTo(0.1 + (0.5 - 0.1) * (7.5 / 8));
  }

  @Test
  void equalBoundsAreOneBucket() {
    // "1" and "1.0" of two instances: 2 + 2 below 1 s, 10 + 10 in all
    assertThat(HistogramQuantile.of(0.1, new double[] {1, 1, INF, INF}, new double[] {2, 2, 10, 10}))
        .isEqualTo(0.5);
  }

  @Test
  void aCountThatGoesDownIsRaisedToTheOneBefore() {
    // rates of separately scraped buckets: 6 below 0.1 s but 5 below 0.5 s reads as 6 below 0.5 s
    assertThat(HistogramQuantile.of(0.5, new double[] {0.1, 0.5, 1, INF}, new double[] {6, 5, 10, 10}))
        .isEqualTo(0.1 * (5.0 / 6));
    assertThat(HistogramQuantile.of(0.62, new double[] {0.1, 0.5, 1, INF}, new double[] {6, 5, 10, 10}))
        .isCloseTo(0.5 + 0.5 * (0.2 / 4), within(1e-15));
  }

  @Test
  void unknownWithoutAnInfBucketWithOneBucketOrWithoutObservations() {
    assertThat(HistogramQuantile.of(0.5, new double[] {0.1, 0.5}, new double[] {2, 10})).isNaN();
    assertThat(HistogramQuantile.of(0.5, new double[] {INF}, new double[] {10})).isNaN();
    assertThat(HistogramQuantile.of(0.5, new double[] {0.1, INF}, new double[] {0, 0})).isNaN();
    assertThat(HistogramQuantile.of(0.5, new double[] {}, new double[] {})).isNaN();
  }

  @Test
  void aQuantileOutsideZeroToOneIsInfiniteAsInPrometheus() {
    assertThat(HistogramQuantile.of(-0.1, new double[] {0.1, INF}, new double[] {1, 1})).isEqualTo(-INF);
    assertThat(HistogramQuantile.of(1.1, new double[] {0.1, INF}, new double[] {1, 1})).isEqualTo(INF);
  }
}
