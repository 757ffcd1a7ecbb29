package dev.tributary.pipeline.validation;

/**
 * How large a pipeline may be. The limits sit well above the pipelines teams write and well below
 * where validating, storing or running one gets costly; the validator checks them on the parsed
 * document before any other check, so an oversized document is refused in time linear in its size.
 * The language reference lists them under "Limits".
 */
public final class PipelineLimits {

  /** Sources of one pipeline. */
  public static final int MAX_SOURCES = 50;

  /** Tables of one pipeline. */
  public static final int MAX_TABLES = 50;

  /** Steps of one pipeline, each branch of a branch step counted as a step of its own. */
  public static final int MAX_STEPS = 200;

  /** Branches of one branch step. */
  public static final int MAX_BRANCHES = 64;

  /** Declared fields of one source or table. */
  public static final int MAX_FIELDS = 500;

  /** Sinks of one pipeline. */
  public static final int MAX_SINKS = 50;

  /** Entries of one {@code select} (of a step or a join), {@code groupBy} or {@code aggregates}. */
  public static final int MAX_OUTPUT_FIELDS = 200;

  /** CEL expressions of one pipeline, each of which is type-checked on its own. */
  public static final int MAX_EXPRESSIONS = 500;

  /** Labels of one pipeline. */
  public static final int MAX_LABELS = 64;

  /**
   * Characters (Unicode code points) of {@code metadata.description}: the catalog stores it in a
   * {@code varchar(1000)}, and PostgreSQL counts a varchar's length in characters.
   */
  public static final int MAX_DESCRIPTION = 1_000;

  private PipelineLimits() {}
}
