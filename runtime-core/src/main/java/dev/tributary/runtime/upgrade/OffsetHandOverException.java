package dev.tributary.runtime.upgrade;

/** Kafka refused or did not answer a step of an {@link OffsetHandOver}. */
public final class OffsetHandOverException extends RuntimeException {

  public OffsetHandOverException(String message, Throwable cause) {
    super(message, cause);
  }
}
