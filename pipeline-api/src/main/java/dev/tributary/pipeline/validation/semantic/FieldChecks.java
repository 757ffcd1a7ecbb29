package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.INVALID_FIELD_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.NOT_APPLICABLE;
import static dev.tributary.pipeline.validation.ValidationCode.UNKNOWN_FIELD;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.expr.Suggestions;
import dev.tributary.pipeline.spec.WindowType;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Single fields: the name of a record's field, a field the records do not have, and a field of the
 * document written where it does not apply.
 */
final class FieldChecks {

  private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
  private static final Set<String> CEL_RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  private final CheckContext context;

  FieldChecks(CheckContext context) {
    this.context = context;
  }

  /** Field names become CEL variables, so they are identifiers and no keyword. */
  void fieldName(String path, String name) {
    if (!FIELD_NAME.matcher(name).matches() || CEL_RESERVED.contains(name)) {
      context.error(
          path,
          INVALID_FIELD_NAME,
          "'"
              + name
              + "' cannot be a field name: use letters, digits and '_', starting with a letter or '_', at most 128 characters, and no CEL keyword");
    }
  }

  void unknownField(String path, String field, RecordType type) {
    String hint =
        Suggestions.closest(field, type.names())
            .map(s -> " (did you mean '" + s + "'?)")
            .orElse("");
    context.error(path, UNKNOWN_FIELD, "unknown field '" + field + "'" + hint);
  }

  /**
   * Reports a field written where it does not apply.
   *
   * @param what the window type, or the kind of join, that the field does not apply to
   */
  void notApplicable(String path, Object value, Object what) {
    if (value != null) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      context.error(
          path,
          NOT_APPLICABLE,
          "'"
              + field
              + "' does not apply to a "
              + (what instanceof WindowType w ? w.value() + " window" : what + " join"));
    }
  }
}
