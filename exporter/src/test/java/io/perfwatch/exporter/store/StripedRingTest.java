package io.perfwatch.exporter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StripedRingTest {
  @Test
  void oneThreadKeepsTheWholeCapacity() {
    StripedRing<Long> ring = new StripedRing<>(10, Long::longValue, 4);
    for (long i = 1; i <= 25; i++) {
      ring.add(i, StripeHint.current());
    }

    assertThat(ring.snapshot()).containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L);
  }

  @Test
  void concurrentWritersLeaveExactlyTheNewestCapacityItems() throws InterruptedException {
    StripedRing<Long> ring = new StripedRing<>(4_000, Long::longValue, 4);
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

    // One writer per stripe, each stripe keeping 1,000: the newest 1,000 of every writer, in timestamp order.
    List<Long> kept = ring.snapshot();
    assertThat(kept).hasSize(4_000).isSorted();
    assertThat(kept.get(kept.size() - 1)).isEqualTo(199_999L);
  }

  @Test
  void aSecondStripeSharesTheCapacityWithTheFirst() {
    StripedRing<Long> ring = new StripedRing<>(10, Long::longValue, 2);
    StripeHint first = new StripeHint(0);
    StripeHint second = new StripeHint(1);
    for (long i = 1; i <= 10; i++) {
      ring.add(i, first);
    }
    assertThat(ring.snapshot()).hasSize(10);

    for (long i = 100; i <= 102; i++) {
      ring.add(i, second);
    }
    ring.add(11L, first);

    // each of the two stripes now keeps its newest 5: 7..11 of the first, 100..102 of the second
    assertThat(ring.snapshot()).containsExactly(7L, 8L, 9L, 10L, 11L, 100L, 101L, 102L);
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
