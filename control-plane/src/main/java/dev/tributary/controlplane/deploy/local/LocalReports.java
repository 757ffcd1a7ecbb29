package dev.tributary.controlplane.deploy.local;

import dev.tributary.controlplane.deploy.DeploymentStatus;
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

/**
 * The local runtime's report of a pipeline in the control plane's words. What the runtime has not
 * measured yet stays null: the lag before its first collection (no {@code sampledAt}), the
 * throughput before two collections (an empty series).
 */
final class LocalReports {

  private LocalReports() {}

  static DeploymentStatus toStatus(PipelineReport report) {
    PipelineStatus status = report.status();
    return new DeploymentStatus(
        status.phase(),
        status.conditions(),
        status.deployedRevision() == null ? null : Math.toIntExact(status.deployedRevision()),
        new DeploymentStatus.Replicas(
            orZero(status.desiredReplicas()),
            orZero(status.readyReplicas()),
            status.replicas(),
            report.maxReplicas() == 0 ? null : report.minReplicas(),
            report.maxReplicas() == 0 ? null : report.maxReplicas()),
        lag(report.lag()),
        throughput(report.throughput()),
        report.stores().stream().map(LocalReports::store).toList(),
        report.workers().stream().map(LocalReports::worker).toList(),
        report.restarts(),
        crash(report.lastCrash()),
        report.lastError(),
        report.deadLetteredRecords(),
        instant(report.observedAt()),
        report.applicationId());
  }

  static DeploymentStatus.Lag lag(LagReport lag) {
    if (lag == null || lag.sampledAt() == null) {
      return null;
    }
    return new DeploymentStatus.Lag(
        lag.totalRecords(),
        lag.lagSeconds(),
        (lag.status() == null ? LagStatus.UNKNOWN : lag.status()).name(),
        lag.consumersActive(),
        lag.partitions().stream().map(LocalReports::partition).toList(),
        instant(lag.sampledAt()));
  }

  private static DeploymentStatus.PartitionLag partition(PartitionLag p) {
    return new DeploymentStatus.PartitionLag(
        p.topic(),
        p.partition(),
        p.endOffset(),
        p.committedOffset(),
        p.lag(),
        p.lagSeconds(),
        (p.status() == null ? LagStatus.UNKNOWN : p.status()).name());
  }

  static DeploymentStatus.Throughput throughput(ThroughputReport throughput) {
    // A rate needs two collections: before, the runtime's zeros mean "not measured yet".
    if (throughput == null || throughput.series().isEmpty()) {
      return null;
    }
    return new DeploymentStatus.Throughput(
        throughput.inRecordsPerSecond(),
        throughput.outRecordsPerSecond(),
        throughput.intervalSeconds(),
        throughput.series().stream().map(LocalReports::point).toList());
  }

  private static DeploymentStatus.RatePoint point(RatePoint p) {
    return new DeploymentStatus.RatePoint(
        instant(p.at()),
        p.inRecordsPerSecond(),
        p.outRecordsPerSecond(),
        p.lagRecords(),
        p.lagSeconds());
  }

  private static DeploymentStatus.StateStoreHealth store(StoreReport s) {
    return new DeploymentStatus.StateStoreHealth(
        s.name(),
        s.kind(),
        s.status(),
        s.approximateEntries(),
        s.sizeOnDiskBytes(),
        s.restoredRecords(),
        s.remainingRecords(),
        s.restoreProgress(),
        s.activeTasks(),
        s.standbyTasks(),
        s.replicas());
  }

  private static DeploymentStatus.Worker worker(WorkerReport w) {
    return new DeploymentStatus.Worker(
        w.replica(),
        w.pid(),
        w.revision(),
        w.process(),
        w.ready(),
        w.streamsState(),
        w.threads().stream().map(LocalReports::thread).toList(),
        w.restarts(),
        w.lastExitCode(),
        instant(w.startedAt()));
  }

  private static DeploymentStatus.StreamThread thread(ThreadReport t) {
    return new DeploymentStatus.StreamThread(t.name(), t.state());
  }

  private static DeploymentStatus.Crash crash(CrashReport c) {
    if (c == null) {
      return null;
    }
    return new DeploymentStatus.Crash(
        c.replica(), c.pid(), c.exitCode(), instant(c.at()), c.logTail(), instant(c.restartAt()));
  }

  private static Instant instant(String rfc3339) {
    return rfc3339 == null ? null : Instant.parse(rfc3339);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
