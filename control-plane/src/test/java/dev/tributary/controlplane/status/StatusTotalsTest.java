package dev.tributary.controlplane.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.controlplane.deploy.DeployTarget.PipelineRef;
import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.controlplane.deploy.DeploymentStatus.Lag;
import dev.tributary.controlplane.deploy.DeploymentStatus.RatePoint;
import dev.tributary.controlplane.deploy.DeploymentStatus.Replicas;
import dev.tributary.controlplane.deploy.DeploymentStatus.StateStoreHealth;
import dev.tributary.controlplane.deploy.DeploymentStatus.Throughput;
import dev.tributary.pipeline.crd.PipelinePhase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTotalsTest {

  static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  static final Instant T1 = T0.plusSeconds(10);

  @Test
  void measuredPipelinesAreSummedAndPointsLineUpByTime() {
    Map<PipelineRef, DeploymentStatus> statuses = new LinkedHashMap<>();
    statuses.put(
        ref("a"),
        running(
            "OK",
            100,
            5.0,
            4.0,
            List.of(new RatePoint(T0, 1, 1, 90L, 2.0), new RatePoint(T1, 5, 4, 100L, 3.0))));
    statuses.put(
        ref("b"), running("GROWING", 50, 2.0, 2.0, List.of(new RatePoint(T1, 2, 2, 50L, 8.5))));

    StatusTotals totals = StatusTotals.of(statuses);

    assertThat(totals.pipelines()).isEqualTo(2);
    assertThat(totals.measuredPipelines()).isEqualTo(2);
    assertThat(totals.phases()).containsEntry("Running", 2);
    assertThat(totals.lagRecords()).isEqualTo(150);
    assertThat(totals.worstLagStatus()).isEqualTo("GROWING");
    assertThat(totals.inRecordsPerSecond()).isEqualTo(7.0);
    assertThat(totals.outRecordsPerSecond()).isEqualTo(6.0);
    assertThat(totals.series())
        .as("lag records summed, lag seconds the largest")
        .containsExactly(new RatePoint(T0, 1, 1, 90L, 2.0), new RatePoint(T1, 7, 6, 150L, 8.5));
    assertThat(totals.desiredReplicas()).isEqualTo(2);
    assertThat(totals.readyReplicas()).isEqualTo(2);
    assertThat(totals.stateStoreBytes()).isEqualTo(2048);
    assertThat(totals.storesRestoring()).isEqualTo(2);
    assertThat(totals.needAttention()).containsExactly("payments/b");
  }

  @Test
  void nothingMeasuredIsNullNotZero() {
    StatusTotals totals =
        StatusTotals.of(
            Map.of(ref("a"), DeploymentStatus.unmeasured(PipelinePhase.PENDING, List.of())));

    assertThat(totals.pipelines()).isEqualTo(1);
    assertThat(totals.measuredPipelines()).isZero();
    assertThat(totals.lagRecords()).isNull();
    assertThat(totals.inRecordsPerSecond()).isNull();
    assertThat(totals.desiredReplicas()).isNull();
    assertThat(totals.worstLagStatus()).isNull();
    assertThat(totals.series()).isEmpty();
  }

  @Test
  void aPausedPipelinesLagDoesNotNeedAttention() {
    DeploymentStatus paused =
        new DeploymentStatus(
            PipelinePhase.PAUSED,
            List.of(),
            1,
            new Replicas(0, 0, 0, 1, 1),
            new Lag(500L, 60.0, "STOPPED", false, List.of(), T0),
            null,
            List.of(),
            List.of(),
            0,
            null,
            null,
            0L,
            T0,
            null);

    StatusTotals totals = StatusTotals.of(Map.of(ref("p"), paused));

    assertThat(totals.lagRecords()).isEqualTo(500);
    assertThat(totals.worstLagStatus()).isNull();
    assertThat(totals.needAttention()).isEmpty();
  }

  @Test
  void seriesIsCutToTheWindow() {
    StatusTotals totals =
        StatusTotals.of(
            Map.of(ref("a"), running("OK", 0, 1, 1, List.of(point(T0, 1, 1), point(T1, 2, 2)))));

    assertThat(totals.seriesSince(T1).series()).containsExactly(point(T1, 2, 2));
  }

  static PipelineRef ref(String name) {
    return new PipelineRef("payments", name);
  }

  static RatePoint point(Instant at, double in, double out) {
    return new RatePoint(at, in, out, null, null);
  }

  static DeploymentStatus running(
      String lagStatus, long lag, double in, double out, List<RatePoint> series) {
    return new DeploymentStatus(
        PipelinePhase.RUNNING,
        List.of(),
        1,
        new Replicas(1, 1, 1, 1, 2),
        new Lag(lag, 1.5, lagStatus, true, List.of(), T1),
        new Throughput(in, out, 10L, series),
        List.of(
            new StateStoreHealth(
                "totals", "key-value", "restoring", 10L, 1024L, 5L, 5L, 0.5, 1, 0, 1)),
        List.of(),
        0,
        null,
        null,
        0L,
        T1,
        null);
  }
}
