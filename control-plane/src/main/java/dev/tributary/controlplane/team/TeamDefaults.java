package dev.tributary.controlplane.team;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** Quotas of a team created without explicit ones. */
@ConfigMapping(prefix = "tributary.teams.default-quotas")
public interface TeamDefaults {

  @WithDefault("50")
  @Min(0)
  int maxPipelines();

  @WithDefault("100")
  @Min(0)
  int maxTotalReplicas();

  @WithDefault("24")
  @Min(1)
  int maxPartitionsPerTopic();

  @WithDefault("200")
  @Min(0)
  int maxTopics();

  @WithDefault("2000")
  @Min(0)
  int maxTotalPartitions();

  default Quotas quotas() {
    return new Quotas(
        maxPipelines(),
        maxTotalReplicas(),
        maxPartitionsPerTopic(),
        maxTopics(),
        maxTotalPartitions());
  }
}
