package dev.tributary.controlplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.controlplane.deploy.DeploymentStatus.RatePoint;
import dev.tributary.controlplane.deploy.DeploymentStatus.Throughput;
import dev.tributary.pipeline.crd.PipelinePhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentStatusTest {

  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void aSummaryThinsTheWindowsHistoryToSparklinePointsThatAverageTheRates() {
    List<RatePoint> series = new ArrayList<>();
    for (int i = 0; i < 360; i++) {
      series.add(new RatePoint(T0.plusSeconds(10L * i), i, 2.0 * i, (long) i, i / 10.0));
    }
    DeploymentStatus status = withSeries(series);

    List<RatePoint> lastHalfHour = status.summary(T0.plusSeconds(1800), 30).throughput().series();

    assertThat(lastHalfHour).hasSize(30);
    // 180 points from i = 180, six per sparkline point: the first averages 180..185.
    assertThat(lastHalfHour.get(0).inRecordsPerSecond()).isEqualTo(182.5);
    assertThat(lastHalfHour.get(0).outRecordsPerSecond()).isEqualTo(365.0);
    assertThat(lastHalfHour.get(0).at()).isEqualTo(T0.plusSeconds(1850));
    assertThat(lastHalfHour.get(0).lagRecords()).as("the lag at its last point").isEqualTo(185L);
    assertThat(lastHalfHour.get(29).at()).isEqualTo(T0.plusSeconds(3590));
    assertThat(status.summary(T0.plusSeconds(3500), 30).throughput().series())
        .as("a window with fewer points than the sparkline keeps them all")
        .hasSize(10)
        .first()
        .isEqualTo(series.get(350));
  }

  private static DeploymentStatus withSeries(List<RatePoint> series) {
    DeploymentStatus unmeasured = DeploymentStatus.unmeasured(PipelinePhase.RUNNING, List.of());
    return new DeploymentStatus(
        unmeasured.phase(),
        List.of(),
        1,
        null,
        null,
        new Throughput(1.0, 2.0, 10L, series),
        List.of(),
        List.of(),
        0,
        null,
        null,
        0L,
        T0,
        null);
  }
}
