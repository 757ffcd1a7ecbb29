package dev.tributary.controlplane.pipeline;

import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.validation.ValidatedPipeline;

/**
 * A document that passed validation for one team, in its canonical JSON form: the form stored in
 * revisions and compared to tell a real change from a retry.
 */
public record Candidate(ValidatedPipeline validated, String canonicalJson) {

  public PipelineDocument document() {
    return validated.document();
  }

  public String name() {
    return validated.name();
  }

  public int maxReplicas() {
    return validated.spec().runtimeOrDefault().replicasOrDefault().maxOrDefault();
  }
}
