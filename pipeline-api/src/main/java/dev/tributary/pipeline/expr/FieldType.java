package dev.tributary.pipeline.expr;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.Optional;

/**
 * The type of a record field, as written in a document ({@code double}, {@code list<string>}) and
 * as CEL sees it. Timestamps are epoch milliseconds, so they are {@code int} in expressions.
 */
public record FieldType(String name, CelType celType) {

  public static final FieldType STRING = new FieldType("string", SimpleType.STRING);
  public static final FieldType INT = new FieldType("int", SimpleType.INT);
  public static final FieldType DOUBLE = new FieldType("double", SimpleType.DOUBLE);
  public static final FieldType BOOL = new FieldType("bool", SimpleType.BOOL);
  public static final FieldType TIMESTAMP = new FieldType("timestamp", SimpleType.INT);
  public static final FieldType BYTES = new FieldType("bytes", SimpleType.BYTES);
  public static final FieldType ANY = new FieldType("any", SimpleType.DYN);

  public static final String SYNTAX =
      "string, int, double, bool, timestamp, bytes, any, list<T> or map<string,T>";

  /** How deep lists and maps may nest in a declared type; records are not that deep. */
  public static final int MAX_NESTING = 8;

  /** Parses a declared type; empty when the text is not a type of the language. */
  public static Optional<FieldType> parse(String text) {
    return text == null ? Optional.empty() : parse(text.replace(" ", ""), 0);
  }

  private static Optional<FieldType> parse(String t, int depth) {
    if (depth > MAX_NESTING) {
      return Optional.empty();
    }
    if (t.startsWith("list<") && t.endsWith(">")) {
      return parse(t.substring(5, t.length() - 1), depth + 1)
          .map(e -> new FieldType("list<" + e.name + ">", ListType.create(e.celType)));
    }
    if (t.startsWith("map<string,") && t.endsWith(">")) {
      return parse(t.substring(11, t.length() - 1), depth + 1)
          .map(
              v ->
                  new FieldType(
                      "map<string," + v.name + ">", MapType.create(SimpleType.STRING, v.celType)));
    }
    return Optional.ofNullable(
        switch (t) {
          case "string" -> STRING;
          case "int" -> INT;
          case "double" -> DOUBLE;
          case "bool" -> BOOL;
          case "timestamp" -> TIMESTAMP;
          case "bytes" -> BYTES;
          case "any" -> ANY;
          default -> null;
        });
  }

  /** The field type of a value an expression computes. */
  public static FieldType of(CelType type) {
    if (type.kind() == CelKind.LIST) {
      FieldType element = of(((ListType) type).elemType());
      return new FieldType("list<" + element.name + ">", type);
    }
    if (type.kind() == CelKind.MAP) {
      FieldType value = of(((MapType) type).valueType());
      return new FieldType("map<string," + value.name + ">", type);
    }
    return switch (type.kind()) {
      case STRING -> STRING;
      case INT -> INT;
      case DOUBLE -> DOUBLE;
      case BOOL -> BOOL;
      case BYTES -> BYTES;
      default -> new FieldType("any", SimpleType.DYN);
    };
  }

  public boolean isNumeric() {
    return celType.kind() == CelKind.INT || celType.kind() == CelKind.DOUBLE;
  }

  @Override
  public String toString() {
    return name;
  }
}
