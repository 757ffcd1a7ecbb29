package dev.tributary.worker.deadletter;

/**
 * What a step made of one record: a value to pass on, or the reason the record goes to the
 * dead-letter topic. Steps emit outcomes and {@link DeadLetters#route} splits them, so that
 * dead-letter writes happen in the topology, inside the same transaction as the outputs.
 *
 * @param value the value passed on (null for a table's tombstone); meaningless on a failure
 * @param failure why the record is dead-lettered, or null
 */
public record Outcome<V>(V value, Failure failure) {

  /**
   * @param step the source, table, step or sink whose work failed
   * @param error what went wrong, for a person
   * @param input the record as the step received it: raw bytes for a source, else its fields
   */
  public record Failure(String step, String error, Object input) {}

  public static <V> Outcome<V> ok(V value) {
    return new Outcome<>(value, null);
  }

  public static <V> Outcome<V> failed(String step, String error, Object input) {
    return new Outcome<>(null, new Failure(step, error, input));
  }

  public boolean isFailure() {
    return failure != null;
  }
}
