package dev.tributary.localstack.kafka;

/**
 * The broker could not be started: the message says why and, when the broker ran, ends with its
 * last log lines.
 */
public final class KafkaBrokerException extends RuntimeException {

  public KafkaBrokerException(String message) {
    super(message);
  }

  public KafkaBrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
