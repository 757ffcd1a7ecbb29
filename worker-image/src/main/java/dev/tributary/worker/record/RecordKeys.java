package dev.tributary.worker.record;

/**
 * Record keys are UTF-8 strings throughout Tributary. A key computed by an expression is the
 * value's text: strings as they are, numbers and bools as CEL prints them; a key made of several
 * values (a multi-field groupBy) is a JSON object of them.
 */
public final class RecordKeys {

  private RecordKeys() {}

  public static String of(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Long l -> Long.toString(l);
      case Boolean b -> Boolean.toString(b);
      case Double d -> Double.toString(d);
      default -> RecordJson.text(value);
    };
  }
}
