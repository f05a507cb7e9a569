package io.perfwatch.exporter.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestQueriesTest {
  private final QueryShapes shapes = new QueryShapes(new SimpleMeterRegistry(), 1000, 1000, 100);

  @AfterEach
  void endRequest() {
    RequestQueries q = RequestQueries.current();
    if (q != null) {
      q.end();
    }
  }

  @Test
  void reusesOneInstancePerThread() {
    RequestQueries first = RequestQueries.begin("tenant-a");
    first.end();
    RequestQueries second = RequestQueries.begin(null);

    assertThat(second).isSameAs(first);
    assertThat(second.tenantId()).isNull();
  }

  @Test
  void currentIsNullOutsideARequest() {
    RequestQueries.begin("t").end();

    assertThat(RequestQueries.current()).isNull();
  }

  @Test
  void countsAndTimesEveryStatementAndGroupsByFingerprint() {
    RequestQueries q = RequestQueries.begin("tenant-a").route("GET", "/orders/:id");
    QueryFingerprint a = shapes.lookup("SELECT * FROM a WHERE id = ?");
    QueryFingerprint b = shapes.lookup("SELECT * FROM b");
    q.record(a, 100);
    q.record(b, 10);
    q.record(a, 200);

    assertThat(q.count()).isEqualTo(3);
    assertThat(q.nanos()).isEqualTo(310);
    assertThat(q.distinct()).isEqualTo(2);
    assertThat(q.repeats(0)).isEqualTo(2);
    assertThat(q.nanos(0)).isEqualTo(300);
    assertThat(q.route()).isEqualTo("/orders/:id");
  }

  @Test
  void tracksAtMost64FingerprintsButCountsEveryStatement() {
    RequestQueries q = RequestQueries.begin(null);
    for (int k = 0; k < 100; k++) {
      q.record(shapes.lookup("SELECT c" + k + " FROM t"), 1);
    }

    assertThat(q.distinct()).isEqualTo(RequestQueries.MAX_FINGERPRINTS);
    assertThat(q.count()).isEqualTo(100);
  }

  @Test
  void beginDiscardsWhatAnUnfinishedRequestLeft() {
    RequestQueries q = RequestQueries.begin("x");
    q.record(shapes.lookup("SELECT 1"), 5);
    RequestQueries.begin("y");

    assertThat(q.count()).isZero();
    assertThat(q.distinct()).isZero();
    assertThat(q.tenantId()).isEqualTo("y");
  }
}
