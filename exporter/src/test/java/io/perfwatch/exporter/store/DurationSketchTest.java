package io.perfwatch.exporter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationSketchTest {

  @Test
  void mergedFrozenSketchesEqualOneSketchOfAllValues() {
    Random random = new Random(1);
    DDSketch all = DurationSketch.newLiveSketch();
    DDSketch first = DurationSketch.newLiveSketch();
    DDSketch second = DurationSketch.newLiveSketch();
    for (int i = 0; i < 10_000; i++) {
      double millis = Math.exp(random.nextGaussian() * 2 + 3);
      all.accept(millis);
      (i % 3 == 0 ? first : second).accept(millis);
    }

    double[] quantiles = {0.0, 0.25, 0.5, 0.9, 0.99, 1.0};
    assertThat(DurationSketch.freeze(first).merge(DurationSketch.freeze(second)).quantilesMs(quantiles))
        .containsExactly(all.getValuesAtQuantiles(quantiles));
  }

  @Test
  void zeroDurationsAreKeptApartFromTheBins() {
    DDSketch live = DurationSketch.newLiveSketch();
    live.accept(0.0);
    live.accept(0.0);
    live.accept(100.0);

    DurationSketch frozen = DurationSketch.freeze(live);

    assertThat(frozen.binCount()).isEqualTo(1);
    assertThat(frozen.quantilesMs(0.5)[0]).isZero();
    assertThat(frozen.quantilesMs(1.0)[0]).isCloseTo(100.0, withinPercentage(1));
  }

  @Test
  void emptySketchReportsZeroForEveryQuantile() {
    assertThat(DurationSketch.EMPTY.quantilesMs(0.5, 0.99)).containsExactly(0.0, 0.0);
  }
}
