package dev.tributary.controlplane.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.pipeline.scaling.LagStatus;
import dev.tributary.runtime.status.CrashReport;
import dev.tributary.runtime.status.LagReport;
import dev.tributary.runtime.status.PartitionLag;
import dev.tributary.runtime.status.PipelineReport;
import dev.tributary.runtime.status.RatePoint;
import dev.tributary.runtime.status.StoreReport;
import dev.tributary.runtime.status.ThreadReport;
import dev.tributary.runtime.status.ThroughputReport;
import dev.tributary.runtime.status.WorkerReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalReportsTest {

  static final String AT = "2026-11-26T08:00:10Z";

  @Test
  void aMeasuredReportKeepsEveryFigure() {
    PipelineReport report =
        report(
            new LagReport(
                42,
                3.5,
                LagStatus.GROWING,
                true,
                List.of(
                    new PartitionLag("payments.in", 0, 100, 80, 20, 1.0, LagStatus.OK),
                    new PartitionLag("payments.in", 1, 100, 78, 22, 3.5, LagStatus.GROWING)),
                AT),
            new ThroughputReport(12.5, 6.0, 10, List.of(new RatePoint(AT, 12.5, 6.0, 42, 3.5))));

    DeploymentStatus status = LocalReports.toStatus(report);

    assertThat(status.phase()).isEqualTo(PipelinePhase.RUNNING);
    assertThat(status.deployedRevision()).isEqualTo(3);
    assertThat(status.replicas()).isEqualTo(new DeploymentStatus.Replicas(2, 1, 2, 1, 4));
    assertThat(status.lag().totalRecords()).isEqualTo(42);
    assertThat(status.lag().lagSeconds()).isEqualTo(3.5);
    assertThat(status.lag().status()).isEqualTo("GROWING");
    assertThat(status.lag().partitions())
        .extracting(DeploymentStatus.PartitionLag::partition, DeploymentStatus.PartitionLag::lag)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 20L),
            org.assertj.core.groups.Tuple.tuple(1, 22L));
    assertThat(status.throughput().inRecordsPerSecond()).isEqualTo(12.5);
    assertThat(status.throughput().outRecordsPerSecond()).isEqualTo(6.0);
    assertThat(status.throughput().series())
        .containsExactly(new DeploymentStatus.RatePoint(Instant.parse(AT), 12.5, 6.0, 42L, 3.5));
    assertThat(status.stateStores())
        .containsExactly(
            new DeploymentStatus.StateStoreHealth(
                "totals", "key-value", "restoring", 1000L, 4096L, 300L, 100L, 0.75, 1, 0, 1));
    assertThat(status.workers()).hasSize(2);
    assertThat(status.workers().get(0).threads())
        .containsExactly(new DeploymentStatus.StreamThread("StreamThread-1", "RUNNING"));
    assertThat(status.workers().get(1).process()).isEqualTo("waiting-to-restart");
    assertThat(status.restarts()).isEqualTo(1);
    assertThat(status.lastCrash().exitCode()).isEqualTo(137);
    assertThat(status.lastCrash().logTail()).containsExactly("killed");
    assertThat(status.lastError()).isEqualTo("replica 1 exited with code 137");
    assertThat(status.deadLetteredRecords()).isEqualTo(7);
  }

  @Test
  void whatTheRuntimeHasNotMeasuredYetIsNull() {
    PipelineReport report = report(LagReport.UNKNOWN, new ThroughputReport(0, 0, 10, List.of()));

    DeploymentStatus status = LocalReports.toStatus(report);

    assertThat(status.lag()).isNull();
    assertThat(status.throughput()).isNull();
  }

  static PipelineReport report(LagReport lag, ThroughputReport throughput) {
    PipelineStatus status =
        new PipelineStatus(
            null,
            PipelinePhase.RUNNING,
            List.of(new Condition(Condition.READY, "True", "AllReplicasReady", "ok", AT, null)),
            2,
            1,
            2,
            null,
            3L);
    return new PipelineReport(
        "payments",
        "fraud",
        "payments.fraud",
        3,
        status,
        1,
        4,
        lag,
        throughput,
        List.of(
            new StoreReport(
                "totals", "key-value", 1000, 4096, "restoring", 300, 100, 0.75, 1, 0, 1)),
        List.of(
            new WorkerReport(
                0,
                1234L,
                8081,
                3L,
                "running",
                true,
                "RUNNING",
                List.of(new ThreadReport("StreamThread-1", "RUNNING")),
                0,
                null,
                AT,
                "/tmp/replica-0.log"),
            new WorkerReport(
                1,
                null,
                null,
                null,
                "waiting-to-restart",
                false,
                null,
                List.of(),
                1,
                137,
                null,
                "/tmp/replica-1.log")),
        1,
        new CrashReport(1, 999, 137, AT, List.of("killed"), AT),
        "replica 1 exited with code 137",
        7,
        AT);
  }
}
