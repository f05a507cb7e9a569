package io.perfwatch.exporter.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfwatch.exporter.internal.meter.LabelLimiter;
import org.junit.jupiter.api.Test;

class QueryShapesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void cachesOnlyTextsWithoutLiterals() {
    QueryShapes shapes = new QueryShapes(registry, 1000, 100, 100);
    shapes.lookup("SELECT * FROM users WHERE id = ?");
    shapes.lookup("SELECT * FROM users WHERE email = 'alice@example.com'");
    shapes.lookup("SELECT * FROM cards WHERE number = 4111111111111111");

    assertThat(shapes.cachedTexts()).containsExactly("SELECT * FROM users WHERE id = ?");
  }

  @Test
  void sameFingerprintObjectForEveryLiteralVariant() {
    QueryShapes shapes = new QueryShapes(registry, 1000, 100, 100);
    QueryFingerprint first = shapes.lookup("SELECT * FROM users WHERE id = 1");

    assertThat(shapes.lookup("SELECT * FROM users WHERE id = 2")).isSameAs(first);
    assertThat(shapes.lookup("SELECT * FROM users WHERE id = ?")).isSameAs(first);
    assertThat(shapes.lookup("SELECT * FROM users WHERE id = ?")).isSameAs(first);
  }

  @Test
  void fingerprintsBeyondTheCapBecomeOtherAndEachRecordingIsCounted() {
    QueryShapes shapes = new QueryShapes(registry, 1000, 2, 100);
    shapes.recorded(shapes.lookup("SELECT a FROM t"));
    shapes.lookup("SELECT b FROM t");
    QueryFingerprint third = shapes.lookup("SELECT c FROM t");
    QueryFingerprint fourth = shapes.lookup("SELECT d FROM t");

    assertThat(third.shape()).isEqualTo(new QueryShape(LabelLimiter.OTHER, "SELECT", "t"));
    assertThat(fourth.shape()).isEqualTo(third.shape());
    assertThat(third.overflow()).isTrue();
    assertThat(third.statement()).isEqualTo("SELECT c FROM t");
    assertThat(fourth.timer(false)).isSameAs(third.timer(false));
    assertThat(shapes.lookup("SELECT c FROM t")).isSameAs(third);
    assertThat(shapes.fingerprintCount()).isEqualTo(2);
    shapes.recorded(third);
    shapes.recorded(third);
    shapes.recorded(fourth);
    assertThat(registry.get("perfwatch.dropped.series").tag("label", "query_fingerprint").counter().count())
        .isEqualTo(3);
  }

  @Test
  void tablesBeyondTheCapBecomeOther() {
    QueryShapes shapes = new QueryShapes(registry, 1000, 100, 1);
    shapes.lookup("SELECT a FROM first_table");
    QueryFingerprint second = shapes.lookup("SELECT a FROM second_table");

    assertThat(second.shape().table()).isEqualTo(LabelLimiter.OTHER);
    assertThat(registry.find("db.query.duration").tag("table", "second_table").timer()).isNull();
    assertThat(registry.get("db.query.duration").tag("table", LabelLimiter.OTHER).timer()).isNotNull();
    shapes.recorded(second);
    shapes.recorded(second);
    assertThat(registry.get("perfwatch.dropped.series").tag("label", "table").counter().count()).isEqualTo(2);
  }

  @Test
  void textCacheStopsGrowingAtItsCap() {
    QueryShapes shapes = new QueryShapes(registry, 1000, 100_000, 100);
    for (int k = 0; k < QueryShapes.MAX_CACHED_TEXTS + 50; k++) {
      shapes.lookup("SELECT c" + k + " FROM t WHERE id = ?");
    }
    assertThat(shapes.cachedTexts()).hasSize(QueryShapes.MAX_CACHED_TEXTS);
  }
}
