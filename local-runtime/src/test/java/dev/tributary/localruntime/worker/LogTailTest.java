package dev.tributary.localruntime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTailTest {

  @Test
  void keepsTheLastLinesInOrder() {
    LogTail tail = new LogTail(3);
    for (int i = 1; i <= 5; i++) {
      tail.add("line " + i);
    }
    assertThat(tail.lines()).containsExactly("line 3", "line 4", "line 5");
  }

  @Test
  void cutsVeryLongLines() {
    LogTail tail = new LogTail(3);
    tail.add("x".repeat(10_000));
    assertThat(tail.lines().get(0)).hasSize(LogTail.MAX_LINE_CHARS + 1).endsWith("…");
  }
}
