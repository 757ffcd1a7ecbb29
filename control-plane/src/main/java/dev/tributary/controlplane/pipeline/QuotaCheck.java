package dev.tributary.controlplane.pipeline;

import dev.tributary.controlplane.problem.ProblemDetail.FieldError;
import dev.tributary.controlplane.problem.ProblemException;
import dev.tributary.controlplane.team.Team;
import dev.tributary.pipeline.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.HashMap;
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
    topics(errors, team, replaced, candidate);
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

  /**
   * The team's topics and their partitions with the candidate in place of the pipeline it replaces.
   * A topic named by several of the team's pipelines is one topic, counted with the most partitions
   * any of them asks for. A quota lowered below the usage keeps what exists: only a change that
   * would add to a usage over the quota is refused.
   */
  private static void topics(
      List<FieldError> errors, Team team, Pipeline replaced, Candidate candidate) {
    long replacedId = replaced == null ? -1L : replaced.id;
    Map<String, Integer> before = new HashMap<>();
    Map<String, Integer> after = new HashMap<>(candidate.plannedTopics());
    for (TopicUse use : topicsOf(team)) {
      before.merge(use.name(), use.partitions(), Math::max);
      if (use.pipelineId() != replacedId) {
        after.merge(use.name(), use.partitions(), Math::max);
      }
    }
    long partitionsBefore = sum(before);
    long partitionsAfter = sum(after);
    if (after.size() > team.maxTopics && after.size() > before.size()) {
      List<String> added =
          after.keySet().stream().filter(name -> !before.containsKey(name)).sorted().toList();
      errors.add(
          new FieldError(
              "spec",
              "max-topics",
              "the team's pipelines would use "
                  + after.size()
                  + " topics, "
                  + before.size()
                  + " now; its quota is "
                  + team.maxTopics
                  + ". This pipeline adds "
                  + added.size()
                  + ": "
                  + listed(added)));
    }
    if (partitionsAfter > team.maxTotalPartitions && partitionsAfter > partitionsBefore) {
      errors.add(
          new FieldError(
              "spec",
              "max-total-partitions",
              "the team's topics would have "
                  + partitionsAfter
                  + " partitions in all, "
                  + partitionsBefore
                  + " now; its quota is "
                  + team.maxTotalPartitions
                  + " (a topic counts the partitions its pipelines ask for, 1 when they do not"
                  + " say)"));
    }
  }

  private record TopicUse(long pipelineId, String name, int partitions) {}

  /** Every topic of every pipeline of the team, in one query. */
  private static List<TopicUse> topicsOf(Team team) {
    return PipelineTopic.getEntityManager()
        .createQuery(
            "select t.pipeline.id, t.name, t.partitions from PipelineTopic t"
                + " where t.pipeline.team = :team",
            Object[].class)
        .setParameter("team", team)
        .getResultStream()
        .map(row -> new TopicUse((Long) row[0], (String) row[1], (Integer) row[2]))
        .toList();
  }

  private static long sum(Map<String, Integer> partitions) {
    return partitions.values().stream().mapToLong(Integer::longValue).sum();
  }

  private static String listed(List<String> names) {
    int shown = 5;
    return names.size() <= shown
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, shown)) + " and " + (names.size() - shown) + " more";
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
