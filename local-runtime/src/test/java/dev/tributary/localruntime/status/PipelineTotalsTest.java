package dev.tributary.localruntime.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.pipeline.scaling.LagStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTotalsTest {

  private static final String T1 = "2026-01-01T10:00:10Z";
  private static final String T2 = "2026-01-01T10:00:20Z";

  @Test
  void teamTotalsSumPipelinesAndTheirThroughputPerCollection() {
    PipelineReport orders = report("payments", "orders", PipelinePhase.RUNNING, 100, LagStatus.OK, 2, 10.0);
    PipelineReport refunds = report("payments", "refunds", PipelinePhase.DEGRADED, 50, LagStatus.GROWING, 1, 5.0);
    PipelineReport other = report("risk", "scores", PipelinePhase.RUNNING, 7, LagStatus.OK, 0, 1.0);

    TeamSummary team = TeamSummary.of("payments", List.of(orders, refunds, other));

    PipelineTotals totals = team.totals();
    assertThat(totals.pipelines()).isEqualTo(2);
    assertThat(totals.phases()).containsEntry("Running", 1).containsEntry("Degraded", 1);
    assertThat(totals.lagRecords()).isEqualTo(150);
    assertThat(totals.worstLagStatus()).isEqualTo(LagStatus.GROWING);
    assertThat(totals.restarts()).isEqualTo(3);
    assertThat(totals.inRecordsPerSecond()).isEqualTo(15.0);
    assertThat(totals.series()).extracting(RatePoint::at).containsExactly(T1, T2);
    assertThat(totals.series().get(1).inRecordsPerSecond()).isEqualTo(15.0);
    assertThat(totals.needAttention()).containsExactly("payments/refunds");
    assertThat(team.pipelines()).extracting(TeamSummary.PipelineLine::name).containsExactly("orders", "refunds");
  }

  @Test
  void platformSummaryHasEveryTeam() {
    PlatformSummary platform = PlatformSummary.of(List.of(
        report("payments", "orders", PipelinePhase.RUNNING, 100, LagStatus.OK, 0, 10.0),
        report("risk", "scores", PipelinePhase.PAUSED, 7, LagStatus.STOPPED, 0, 0.0)));

    assertThat(platform.totals().pipelines()).isEqualTo(2);
    assertThat(platform.totals().worstLagStatus()).as("a paused pipeline's lag is expected").isEqualTo(LagStatus.OK);
    assertThat(platform.teams()).extracting(TeamSummary::team).containsExactly("payments", "risk");
  }

  @Test
  void reportsSerializeWithAPlainObjectMapper() throws Exception {
    PipelineReport report = report("payments", "orders", PipelinePhase.RUNNING, 100, LagStatus.OK, 1, 10.0);

    JsonNode json = new ObjectMapper().valueToTree(report);

    assertThat(json.at("/status/phase").asText()).isEqualTo("Running");
    assertThat(json.at("/status/conditions/0/reason").asText()).isEqualTo("WorkersReady");
    assertThat(json.at("/lag/status").asText()).isEqualTo("OK");
    assertThat(json.at("/lag/partitions/0/lag").asLong()).isEqualTo(100);
    assertThat(json.at("/throughput/series/1/inRecordsPerSecond").asDouble()).isEqualTo(10.0);
    assertThat(json.at("/stores/0/status").asText()).isEqualTo("ready");
    assertThat(json.at("/workers/0/process").asText()).isEqualTo("running");
    assertThat(new ObjectMapper().valueToTree(PlatformSummary.of(List.of(report))).at("/totals/pipelines").asInt())
        .isEqualTo(1);
  }

  private static PipelineReport report(String team, String name, PipelinePhase phase, long lag, LagStatus lagStatus,
      int restarts, double inRate) {
    PipelineStatus status = new PipelineStatus(null, phase,
        List.of(new Condition(Condition.READY, "True", "WorkersReady", "1 of 1", T1, null)), 1, 1, 1, null, 1L);
    LagReport lagReport = new LagReport(lag, 2.0, lagStatus, true,
        List.of(new PartitionLag(team + ".in", 0, 1_000, 1_000 - lag, lag, 2.0, lagStatus)), T2);
    ThroughputReport throughput = new ThroughputReport(inRate, inRate, 10,
        List.of(new RatePoint(T1, inRate, inRate), new RatePoint(T2, inRate, inRate)));
    StoreReport store = new StoreReport("totals.store", "key-value", 10, 1_000, "ready", 0, 0, 1.0, 1, 0, 1);
    WorkerReport worker = new WorkerReport(0, 42L, 8080, 1L, "running", true, "RUNNING",
        List.of(new ThreadReport("t-1", "RUNNING")), restarts, null, T1, "/tmp/replica-0.log");
    return new PipelineReport(team, name, team + "." + name, 1, status, 1, 1, lagReport, throughput, List.of(store),
        List.of(worker), restarts, null, null, 0, T2);
  }
}
