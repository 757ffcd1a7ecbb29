package dev.tributary.worker.expression;

/** An expression failed for one record, which therefore goes to the dead-letter topic. */
public final class EvaluationException extends Exception {

  public EvaluationException(String message) {
    super(message, null, false, false);
  }
}
