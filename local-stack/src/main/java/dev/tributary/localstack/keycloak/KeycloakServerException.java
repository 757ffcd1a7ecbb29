package dev.tributary.localstack.keycloak;

/**
 * Keycloak could not be prepared, started or asked for a token: the message says why and, when
 * Keycloak ran, ends with its last log lines.
 */
public final class KeycloakServerException extends RuntimeException {

  public KeycloakServerException(String message) {
    super(message);
  }

  public KeycloakServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
