package dev.tributary.runtime.access;

/** The cluster refused or did not answer a change of users or ACLs. */
public final class KafkaAccessException extends Exception {

  public KafkaAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
