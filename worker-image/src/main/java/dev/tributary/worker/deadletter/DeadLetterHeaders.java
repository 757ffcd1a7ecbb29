package dev.tributary.worker.deadletter;

/** Headers of a dead-lettered record, saying where it failed and why. */
public final class DeadLetterHeaders {

  public static final String PIPELINE = "tributary.pipeline";
  public static final String STEP = "tributary.step";
  public static final String ERROR = "tributary.error";

  /** Where the failed record was read from (an input or an internal topic), when known. */
  public static final String TOPIC = "tributary.topic";

  public static final String PARTITION = "tributary.partition";
  public static final String OFFSET = "tributary.offset";

  private DeadLetterHeaders() {}
}
