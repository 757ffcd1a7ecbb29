package dev.tributary.localstack.postgres;

/**
 * PostgreSQL could not be started or prepared: the message says why and, when the server ran, ends
 * with its last log lines.
 */
public final class PostgresServerException extends RuntimeException {

  public PostgresServerException(String message) {
    super(message);
  }

  public PostgresServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
