package dev.tributary.pipeline.validation.semantic;

import dev.tributary.pipeline.expr.FieldType;

/**
 * The text of a field's type that is not a type. The structure pass meets the same text when YAML
 * splits a type at its comma, so both passes say the same about it.
 */
public final class FieldTypeText {

  private FieldTypeText() {}

  public static String notAType(String typeText) {
    return "'"
        + typeText
        + "' is not a type; use "
        + FieldType.SYNTAX
        + (unclosed(typeText)
            ? " (in a YAML flow mapping {…}, quote a type that holds a comma: \"map<string,int>\")"
            : "");
  }

  /** Whether the text opens more {@code <} than it closes: a type cut short at a comma. */
  public static boolean unclosed(String typeText) {
    return typeText.chars().filter(c -> c == '<').count()
        > typeText.chars().filter(c -> c == '>').count();
  }
}
