package dev.tributary.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RingBufferTest {

  @Test
  void holdsValuesOldestFirstUntilFull() {
    RingBuffer<Integer> buffer = new RingBuffer<>(360);
    buffer.add(1);
    buffer.add(2);
    assertThat(buffer.values()).containsExactly(1, 2);
    assertThat(buffer.latest()).isEqualTo(2);
  }

  @Test
  void anHourOfTenSecondPointsKeepsTheLast360() {
    RingBuffer<Integer> buffer = new RingBuffer<>(360);
    for (int i = 0; i < 1_000; i++) {
      buffer.add(i);
    }
    assertThat(buffer.size()).isEqualTo(360);
    assertThat(buffer.values()).hasSize(360).startsWith(640, 641).endsWith(998, 999);
    assertThat(buffer.latest()).isEqualTo(999);
  }

  @Test
  void emptyBufferHasNoLatestValue() {
    RingBuffer<String> buffer = new RingBuffer<>(3);
    assertThat(buffer.values()).isEmpty();
    assertThat(buffer.latest()).isNull();
  }
}
