package dev.tributary.controlplane.deploy;

import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a deploy target observes of one pipeline. Metrics are null when the target measures none;
 * they are never invented.
 *
 * @param deployedRevision the revision every worker runs once a rollout is done, null when none
 *     runs
 * @param replicas the workers, null when none are managed
 * @param lag consumer lag over the input partitions, null before it is first measured
 * @param throughput records in and out per second, null before it is first measured
 * @param stateStores health of each state store, empty when unknown
 * @param workers each replica slot, empty when unknown
 * @param restarts restarts of workers after crashes, null when unknown
 * @param lastCrash the last time a worker exited without being asked to
 * @param lastError the last error a worker reported (or the last crash), for people
 * @param deadLetteredRecords records sent to the dead-letter topic by the running workers
 * @param observedAt when the metrics were collected
 * @param applicationId the Kafka Streams application id (and consumer group) the workers run under,
 *     null when the target does not say
 */
public record DeploymentStatus(
    PipelinePhase phase,
    List<Condition> conditions,
    Integer deployedRevision,
    Replicas replicas,
    Lag lag,
    Throughput throughput,
    List<StateStoreHealth> stateStores,
    List<Worker> workers,
    Integer restarts,
    Crash lastCrash,
    String lastError,
    Long deadLetteredRecords,
    Instant observedAt,
    String applicationId) {

  public DeploymentStatus {
    conditions = List.copyOf(conditions);
    stateStores = List.copyOf(stateStores);
    workers = List.copyOf(workers);
  }

  /** A status with a phase and conditions and nothing measured. */
  public static DeploymentStatus unmeasured(PipelinePhase phase, List<Condition> conditions) {
    return new DeploymentStatus(
        phase,
        conditions,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The same status with its throughput series cut to the points at or after {@code since}. */
  public DeploymentStatus seriesSince(Instant since) {
    if (throughput == null) {
      return this;
    }
    return withThroughput(
        new Throughput(
            throughput.inRecordsPerSecond(),
            throughput.outRecordsPerSecond(),
            throughput.intervalSeconds(),
            throughput.series().stream().filter(p -> !p.at().isBefore(since)).toList()));
  }

  /**
   * The same status without lag partitions, and with its throughput series since {@code since}
   * thinned to at most {@code points} points (for a sparkline): each point averages the rates of
   * the consecutive points it stands for and keeps the last one's time and lag.
   */
  public DeploymentStatus summary(Instant since, int points) {
    DeploymentStatus shorter =
        throughput == null
            ? this
            : withThroughput(
                new Throughput(
                    throughput.inRecordsPerSecond(),
                    throughput.outRecordsPerSecond(),
                    throughput.intervalSeconds(),
                    thinned(
                        throughput.series().stream().filter(p -> !p.at().isBefore(since)).toList(),
                        points)));
    if (lag == null) {
      return shorter;
    }
    return new DeploymentStatus(
        phase,
        conditions,
        deployedRevision,
        replicas,
        new Lag(
            lag.totalRecords(),
            lag.lagSeconds(),
            lag.status(),
            lag.consumersActive(),
            List.of(),
            lag.sampledAt()),
        shorter.throughput,
        stateStores,
        workers,
        restarts,
        lastCrash,
        lastError,
        deadLetteredRecords,
        observedAt,
        applicationId);
  }

  static List<RatePoint> thinned(List<RatePoint> series, int points) {
    if (series.size() <= points) {
      return series;
    }
    List<RatePoint> thinned = new ArrayList<>(points);
    for (int bucket = 0; bucket < points; bucket++) {
      int from = (int) ((long) bucket * series.size() / points);
      int to = (int) ((long) (bucket + 1) * series.size() / points);
      double in = 0;
      double out = 0;
      for (int i = from; i < to; i++) {
        in += series.get(i).inRecordsPerSecond();
        out += series.get(i).outRecordsPerSecond();
      }
      RatePoint last = series.get(to - 1);
      thinned.add(
          new RatePoint(
              last.at(),
              in / (to - from),
              out / (to - from),
              last.lagRecords(),
              last.lagSeconds()));
    }
    return thinned;
  }

  private DeploymentStatus withThroughput(Throughput t) {
    return new DeploymentStatus(
        phase,
        conditions,
        deployedRevision,
        replicas,
        lag,
        t,
        stateStores,
        workers,
        restarts,
        lastCrash,
        lastError,
        deadLetteredRecords,
        observedAt,
        applicationId);
  }

  /**
   * @param desired workers that should run (0 when paused)
   * @param ready workers whose Kafka Streams client is RUNNING
   * @param running worker processes alive
   */
  @Schema(name = "Replicas")
  public record Replicas(
      int desired,
      int ready,
      @Schema(description = "Worker processes alive.") Integer running,
      @Schema(description = "Lower bound of the autoscaler, from the spec.") Integer min,
      @Schema(description = "Upper bound, capped by the input partitions.") Integer max) {}

  @Schema(name = "Lag")
  public record Lag(
      @Schema(description = "Records behind, summed over the input partitions.") Long totalRecords,
      @Schema(description = "How far behind in time: the largest partition's lag in seconds.")
          Double lagSeconds,
      @Schema(
              description =
                  "Judged over a 10-minute sliding window by Burrow's rules; UNKNOWN before three"
                      + " samples.",
              enumeration = {"OK", "GROWING", "STALLED", "STOPPED", "UNKNOWN"})
          String status,
      @Schema(description = "Whether the pipeline's consumer group has members.")
          Boolean consumersActive,
      List<PartitionLag> partitions,
      @Schema(description = "When the offsets were read.") Instant sampledAt) {

    public Lag {
      partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }
  }

  @Schema(name = "PartitionLag")
  public record PartitionLag(
      String topic,
      int partition,
      @Schema(description = "The last stable offset (what read_committed consumers reach).")
          long endOffset,
      @Schema(description = "The group's committed offset; 0 before the first commit.")
          long committedOffset,
      long lag,
      double lagSeconds,
      @Schema(enumeration = {"OK", "GROWING", "STALLED", "STOPPED", "UNKNOWN"}) String status) {}

  @Schema(name = "Throughput")
  public record Throughput(
      @Schema(description = "Records consumed per second over the last interval.")
          Double inRecordsPerSecond,
      @Schema(description = "Records written to the sinks per second over the last interval.")
          Double outRecordsPerSecond,
      @Schema(description = "Seconds between two points of the series.", example = "10")
          Long intervalSeconds,
      @Schema(description = "Oldest first; up to an hour, with the lag of each collection.")
          List<RatePoint> series) {

    public Throughput {
      series = series == null ? List.of() : List.copyOf(series);
    }
  }

  /** One collection of the status history: throughput over the interval ending at {@code at}. */
  @Schema(
      name = "RatePoint",
      description =
          "One collection of the status history: throughput over the interval ending at `at`, and"
              + " the lag at that moment.")
  public record RatePoint(
      Instant at,
      double inRecordsPerSecond,
      double outRecordsPerSecond,
      @Schema(description = "Records behind at `at`, summed over the input partitions.")
          Long lagRecords,
      @Schema(description = "How far behind in time at `at`: the largest partition's, in seconds.")
          Double lagSeconds) {}

  /**
   * One state store, summed over the replicas that hold it (standby copies included).
   *
   * @param state the worst over the replicas: restoring, then standby, then ready
   * @param restoreRemainingRecords changelog records still to restore
   * @param restoreProgress restored / (restored + remaining); 1.0 when nothing restores
   */
  @Schema(name = "StateStoreHealth")
  public record StateStoreHealth(
      String name,
      @Schema(example = "key-value") String kind,
      @Schema(enumeration = {"restoring", "standby", "ready"}) String state,
      Long approximateEntries,
      Long sizeOnDiskBytes,
      Long restoredRecords,
      Long restoreRemainingRecords,
      Double restoreProgress,
      Integer activeTasks,
      Integer standbyTasks,
      Integer replicas) {}

  /** One replica slot of a pipeline and the worker in it. */
  @Schema(name = "Worker")
  public record Worker(
      int replica,
      Long pid,
      Long revision,
      @Schema(
              enumeration = {
                "starting",
                "running",
                "stopping",
                "waiting-to-restart",
                "stopped",
                "failed"
              })
          String process,
      boolean ready,
      @Schema(description = "The Kafka Streams client state it reported last.", example = "RUNNING")
          String streamsState,
      List<StreamThread> threads,
      int restarts,
      Integer lastExitCode,
      Instant startedAt) {

    public Worker {
      threads = threads == null ? List.of() : List.copyOf(threads);
    }
  }

  /** One Kafka Streams thread of a worker. */
  @Schema(name = "StreamThread")
  public record StreamThread(String name, @Schema(example = "RUNNING") String state) {}

  /** The last time a worker exited without being asked to. */
  @Schema(name = "Crash")
  public record Crash(
      int replica,
      long pid,
      @Schema(
              description =
                  "1: Kafka Streams error; 2: the worker rejects the pipeline; 137: killed.")
          int exitCode,
      Instant at,
      @Schema(description = "The last lines the worker printed.") List<String> logTail,
      @Schema(description = "When it is restarted; absent when it is not (exit code 2).")
          Instant restartAt) {

    public Crash {
      logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }
  }
}
