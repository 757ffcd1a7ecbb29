package dev.tributary.localruntime;

/** The runtime does not run a pipeline by that team and name (never applied, or deleted). */
public class PipelineNotFoundException extends RuntimeException {

  public PipelineNotFoundException(PipelineKey key) {
    super("the local runtime has no pipeline " + key + "; apply it first");
  }
}
