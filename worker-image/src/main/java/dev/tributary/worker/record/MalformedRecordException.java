package dev.tributary.worker.record;

/** A record value that is not JSON, not an object, or has a field of the wrong type. */
public final class MalformedRecordException extends Exception {

  public MalformedRecordException(String message) {
    super(message, null, false, false);
  }
}
