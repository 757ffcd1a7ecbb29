package dev.tributary.controlplane.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.controlplane.problem.ProblemException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusWindowTest {

  @Test
  void absentWindowIsTheHourThatIsKept() {
    assertThat(StatusWindow.parse(null)).isEqualTo(Duration.ofHours(1));
    assertThat(StatusWindow.parse(" ")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void shortAndIsoFormsAreRead() {
    assertThat(StatusWindow.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(StatusWindow.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(StatusWindow.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(StatusWindow.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2h", "PT2H", "0s", "-PT1M", "15x"})
  void aWindowThatIsNotOneIsABadRequest(String window) {
    assertThatThrownBy(() -> StatusWindow.parse(window))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("invalid-request");
            });
  }
}
