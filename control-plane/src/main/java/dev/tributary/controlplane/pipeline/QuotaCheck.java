package dev.tributary.controlplane.pipeline;

import dev.tributary.controlplane.problem.ProblemDetail.FieldError;
import dev.tributary.controlplane.problem.ProblemException;
import dev.tributary.controlplane.team.Team;
import dev.tributary.pipeline.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The team's quotas against a candidate revision. Callers hold the team's row lock, so two writers
 * cannot both take the last free slot.
 */
final class QuotaCheck {

  private QuotaCheck() {}

  /**
   * @param replaced the pipeline the candidate replaces, or null when it creates one
   */
  static void check(Team team, Pipeline replaced, Candidate candidate) {
    List<FieldError> errors = new ArrayList<>();
    if (replaced == null) {
      long pipelines = Pipeline.count("team", team);
      if (pipelines + 1 > team.maxPipelines) {
        errors.add(
            new FieldError(
                "",
                "max-pipelines",
                "team '"
                    + team.slug
                    + "' has "
                    + pipelines
                    + " pipelines; its quota is "
                    + team.maxPipelines));
      }
    }
    long otherReplicas = sumReplicas(team, replaced == null ? -1L : replaced.id);
    long total = otherReplicas + candidate.maxReplicas();
    if (total > team.maxTotalReplicas) {
      errors.add(
          new FieldError(
              "spec.runtime.replicas.max",
              "max-total-replicas",
              "the team's pipelines would need up to "
                  + total
                  + " replicas; its quota is "
                  + team.maxTotalReplicas));
    }
    PipelineSpec spec = candidate.validated().spec();
    partitions(
        errors,
        team,
        "spec.sources",
        spec.sourcesOrEmpty().stream().map(s -> s.partitions()).toList());
    partitions(
        errors,
        team,
        "spec.tables",
        spec.tablesOrEmpty().stream().map(t -> t.partitions()).toList());
    partitions(
        errors, team, "spec.sinks", spec.sinksOrEmpty().stream().map(s -> s.partitions()).toList());
    if (!errors.isEmpty()) {
      throw new ProblemException(
          422,
          "quota-exceeded",
          "Team quota exceeded",
          errors.stream().map(FieldError::message).reduce((a, b) -> a + "; " + b).orElse(""),
          errors,
          Map.of());
    }
  }

  private static long sumReplicas(Team team, long exceptPipelineId) {
    Long sum =
        Pipeline.getEntityManager()
            .createQuery(
                "select sum(p.maxReplicas) from Pipeline p where p.team = :team and p.id <>"
                    + " :except",
                Long.class)
            .setParameter("team", team)
            .setParameter("except", exceptPipelineId)
            .getSingleResult();
    return sum == null ? 0 : sum;
  }

  private static void partitions(
      List<FieldError> errors, Team team, String path, List<Integer> asked) {
    for (int i = 0; i < asked.size(); i++) {
      Integer partitions = asked.get(i);
      if (partitions != null && partitions > team.maxPartitionsPerTopic) {
        errors.add(
            new FieldError(
                path + "[" + i + "].partitions",
                "max-partitions-per-topic",
                partitions
                    + " partitions asked; the team's quota is "
                    + team.maxPartitionsPerTopic
                    + " per topic"));
      }
    }
  }
}
