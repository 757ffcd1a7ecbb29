package dev.tributary.pipeline.spec;

/** The operation of a step; the value is the document key that selects it. */
public enum StepKind {
  FILTER("filter"),
  SELECT("select"),
  EXPLODE("explode"),
  REKEY("rekey"),
  BRANCH("branch"),
  DEDUPLICATE("deduplicate"),
  AGGREGATE("aggregate"),
  JOIN("join");

  private final String key;

  StepKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
