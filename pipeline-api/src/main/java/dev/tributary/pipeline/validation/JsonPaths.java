package dev.tributary.pipeline.validation;

import com.networknt.schema.JsonNodePath;
import java.util.regex.Pattern;

/**
 * The paths of {@link ValidationError}s: JSONPath without the leading {@code $.}, a member as
 * {@code .name} when it is an identifier and as {@code ['any key']} otherwise, an element as {@code
 * [2]}. Every pass writes paths the same way, so clients can match them.
 */
public final class JsonPaths {

  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

  private JsonPaths() {}

  public static String member(String path, String key) {
    if (IDENTIFIER.matcher(key).matches()) {
      return path.isEmpty() ? key : path + "." + key;
    }
    return path + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
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
