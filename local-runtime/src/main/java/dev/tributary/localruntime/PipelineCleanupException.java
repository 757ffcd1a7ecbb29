package dev.tributary.localruntime;

import java.util.List;

/** A pipeline was deleted, but some of what it left in Kafka could not be removed. */
public class PipelineCleanupException extends RuntimeException {

  public PipelineCleanupException(PipelineKey key, List<String> problems) {
    super(
        "pipeline "
            + key
            + " was deleted, but not everything it left could be removed: "
            + String.join("; ", problems));
  }
}
