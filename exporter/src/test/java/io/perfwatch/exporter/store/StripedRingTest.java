package io.perfwatch.exporter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StripedRingTest {
  @Test
  void oneThreadSeesTheWholeCapacityWhateverTheStripeCount() {
    StripedRing<Long> ring = new StripedRing<>(3, Long::longValue, 4);
    for (long i = 1; i <= 5; i++) {
      ring.add(i, StripeHint.current());
    }

    assertThat(ring.snapshot()).containsExactly(3L, 4L, 5L);
  }

  @Test
  void concurrentWritersLeaveExactlyTheNewestCapacityItems() throws InterruptedException {
    StripedRing<Long> ring = new StripedRing<>(1_000, Long::longValue, 4);
    AtomicLong clock = new AtomicLong();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      writers.add(new Thread(() -> {
        for (int i = 0; i < 50_000; i++) {
          ring.add(clock.getAndIncrement(), StripeHint.current());
        }
      }));
    }
    // Thread ids are consecutive, so these four writers have a stripe each.
    assertThat(writers).extracting(w -> w.getId() & 3).doesNotHaveDuplicates();
    writers.forEach(Thread::start);
    for (Thread writer : writers) {
      writer.join();
    }

    // One writer per stripe: any of the newest 1,000 has fewer than 1,000 newer items in its stripe, so it is kept.
    assertThat(ring.snapshot()).containsExactlyElementsOf(LongStream.range(199_000, 200_000).boxed().toList());
  }

  @Test
  void equalTimestampsKeepTheirInsertionOrder() {
    StripedRing<String> ring = new StripedRing<>(10, s -> 7, 2);
    ring.add("a", StripeHint.current());
    ring.add("b", StripeHint.current());
    ring.add("c", StripeHint.current());

    assertThat(ring.snapshot()).containsExactly("a", "b", "c");
  }

  @Test
  void refusesAStripeCountThatIsNotAPowerOfTwo() {
    assertThatIllegalArgumentException().isThrownBy(() -> new StripedRing<Long>(10, Long::longValue, 3))
        .withMessage("stripe count must be a power of two: 3");
  }
}
