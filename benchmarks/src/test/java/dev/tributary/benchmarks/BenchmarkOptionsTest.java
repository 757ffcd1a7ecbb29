package dev.tributary.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probes of the sustainable rate have a length of their own, longer than a latency phase. */
class BenchmarkOptionsTest {

  @Test
  void probesLastTwiceALatencyPhaseByDefault() {
    BenchmarkOptions options = BenchmarkOptions.parse();

    assertThat(options.latencyPhase()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.probe()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void probeSecondsSetsTheProbesAloneAndLatencySecondsThePhasesAlone() {
    BenchmarkOptions options =
        BenchmarkOptions.parse("--probe-seconds", "30", "--latency-seconds", "12");

    assertThat(options.probe()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.latencyPhase()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void aQuickRunShortensTheProbesTooUnlessTheyAreGivenAfterIt() {
    assertThat(BenchmarkOptions.parse("--quick").probe()).isEqualTo(Duration.ofSeconds(5));
    assertThat(BenchmarkOptions.parse("--quick", "--probe-seconds", "8").probe())
        .isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void aProbeOfNoLengthIsRefusedWithTheOptionNamed() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--probe-seconds", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--probe-seconds needs a positive number, got '0'");
  }
}
