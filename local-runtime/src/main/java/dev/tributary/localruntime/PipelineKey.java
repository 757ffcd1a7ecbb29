package dev.tributary.localruntime;

import dev.tributary.pipeline.validation.ValidatedPipeline;

/** A pipeline by team and name, as the control plane addresses it. */
public record PipelineKey(String team, String name) {

  public static PipelineKey of(ValidatedPipeline pipeline) {
    return new PipelineKey(pipeline.team(), pipeline.name());
  }

  @Override
  public String toString() {
    return team + "/" + name;
  }
}
