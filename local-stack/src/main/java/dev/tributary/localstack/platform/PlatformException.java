package dev.tributary.localstack.platform;

/** The local platform could not start; the message says which part and why. */
public class PlatformException extends RuntimeException {

  public PlatformException(String message) {
    super(message);
  }

  public PlatformException(String message, Throwable cause) {
    super(message, cause);
  }
}
