package dev.tributary.pipeline.validation;

import com.networknt.schema.JsonNodePath;

/**
 * The paths of {@link ValidationError}s: JSONPath without the leading {@code $.}, a member as
 * {@code .name} when it is an identifier and as {@code ['any key']} otherwise, an element as {@code
 * [2]}. Every pass writes paths the same way, so clients can match them.
 */
public final class JsonPaths {

  private JsonPaths() {}

  public static String member(String path, String key) {
    if (isIdentifier(key)) {
      return path.isEmpty() ? key : path + "." + key;
    }
    return path + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  /** {@code [A-Za-z_][A-Za-z0-9_]*}, without a regular expression: every field of a document. */
  private static boolean isIdentifier(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  static String element(String path, int index) {
    return path + "[" + index + "]";
  }

  /** The path of a location the schema validator reports. */
  static String of(JsonNodePath location) {
    String path = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? element(path, index)
              : member(path, String.valueOf(element));
    }
    return path;
  }
}
