package io.perfwatch.exporter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.ArrayList;
import java.util.List;
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
  void quantilesAreExactlyThoseOfADdSketchOfTheSameValues() {
    Random random = new Random(7);
    double[] quantiles = {0.0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0};
    for (int round = 0; round < 2_000; round++) {
      DDSketch all = DurationSketch.newLiveSketch();
      DurationSketch merged = DurationSketch.EMPTY;
      for (int part = 0, parts = 1 + random.nextInt(4); part < parts; part++) {
        DDSketch live = DurationSketch.newLiveSketch();
        for (int i = 0, n = random.nextInt(round % 10 == 0 ? 500 : 6); i < n; i++) {
          double millis = random.nextInt(8) == 0 ? 0.0 : Math.exp(random.nextGaussian() * 2 + 3);
          live.accept(millis);
          all.accept(millis);
        }
        merged = merged.merge(DurationSketch.freeze(live));
      }

      assertThat(merged.quantilesMs(quantiles))
          .containsExactly(all.isEmpty() ? new double[quantiles.length] : all.getValuesAtQuantiles(quantiles));
    }
  }

  @Test
  void mergeAllEqualsMergingOneByOne() {
    Random random = new Random(11);
    double[] quantiles = {0.0, 0.1, 0.5, 0.9, 0.99, 1.0};
    for (int round = 0; round < 500; round++) {
      List<DurationSketch> sketches = new ArrayList<>();
      for (int part = 0, parts = random.nextInt(20); part < parts; part++) {
        DDSketch live = DurationSketch.newLiveSketch();
        for (int i = 0, n = random.nextInt(30); i < n; i++) {
          live.accept(random.nextInt(6) == 0 ? 0.0 : Math.exp(random.nextGaussian() * 3 + 2));
        }
        sketches.add(DurationSketch.freeze(live));
      }
      DurationSketch folded = DurationSketch.EMPTY;
      for (DurationSketch s : sketches) {
        folded = folded.merge(s);
      }

      DurationSketch all = DurationSketch.mergeAll(sketches);

      assertThat(all.isEmpty()).isEqualTo(folded.isEmpty());
      assertThat(all.binCount()).isEqualTo(folded.binCount());
      assertThat(all.quantilesMs(quantiles)).containsExactly(folded.quantilesMs(quantiles));
    }
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
