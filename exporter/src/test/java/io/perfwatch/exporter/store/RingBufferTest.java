package io.perfwatch.exporter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RingBufferTest {

  @Test
  void keepsTheNewestItemsOldestFirst() {
    RingBuffer<Integer> buffer = new RingBuffer<>(3);
    IntStream.rangeClosed(1, 7).forEach(buffer::add);

    assertThat(buffer.snapshot()).containsExactly(5, 6, 7);
  }

  @Test
  void concurrentWritersLeaveExactlyCapacityDistinctItems() {
    RingBuffer<Integer> buffer = new RingBuffer<>(1000);
    IntStream.range(0, 400_000).parallel().forEach(buffer::add);

    List<Integer> items = buffer.snapshot();

    assertThat(items).hasSize(1000).doesNotHaveDuplicates();
  }

  @Test
  void betweenFiltersByTimestampInclusively() {
    RingBuffer<Long> buffer = new RingBuffer<>(10);
    List.of(10L, 20L, 30L, 40L).forEach(buffer::add);

    assertThat(buffer.between(20, 30, Long::longValue)).containsExactly(20L, 30L);
  }
}
