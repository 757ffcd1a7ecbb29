package dev.tributary.pipeline.validation;

import static dev.tributary.pipeline.validation.ValidationCode.UNSTORABLE_CHARACTER;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Text the catalog cannot store. PostgreSQL's {@code text} and {@code varchar} hold no NUL
 * character (U+0000), and a UTF-16 surrogate without its pair has no UTF-8 encoding at all; JSON's
 * escapes of them (a backslash, {@code u} and the code) and YAML's {@code \0} write them all the
 * same. Every key and text of the document is checked, so that a document the validator accepts is
 * one the catalog, the worker and Kubernetes can hold as it was written.
 */
final class StorableText {

  private static final char NUL = 0;

  private StorableText() {}

  static List<ValidationError> check(JsonNode document) {
    List<ValidationError> errors = new ArrayList<>();
    Deque<TreePlace> pending = new ArrayDeque<>();
    pending.push(TreePlace.root(document));
    while (!pending.isEmpty()) {
      TreePlace place = pending.pop();
      JsonNode node = place.node();
      if (node.isTextual()) {
        String problem = problem(node.textValue());
        if (problem != null) {
          errors.add(
              new ValidationError(place.path(), UNSTORABLE_CHARACTER, "the text " + problem));
        }
      } else if (node.isObject()) {
        List<TreePlace> members = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> property : node.properties()) {
          TreePlace member = place.member(property.getKey(), property.getValue());
          String problem = problem(property.getKey());
          if (problem != null) {
            errors.add(
                new ValidationError(member.path(), UNSTORABLE_CHARACTER, "the key " + problem));
          }
          members.add(member);
        }
        // Pushed last to first, so that they are checked, and reported, in document order.
        for (int i = members.size() - 1; i >= 0; i--) {
          pending.push(members.get(i));
        }
      } else if (node.isArray()) {
        for (int i = node.size() - 1; i >= 0; i--) {
          pending.push(place.element(i, node.get(i)));
        }
      }
    }
    return errors;
  }

  /** What makes {@code text} unstorable, or null when nothing does. */
  static String problem(String text) {
    int at = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      at++;
      if (c == NUL) {
        return "holds a NUL character (U+0000) at character "
            + at
            + ", which cannot be stored; remove it";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "holds an unpaired UTF-16 surrogate (U+"
            + Integer.toHexString(c).toUpperCase()
            + ") at character "
            + at
            + ", which is no character and has no UTF-8 encoding; remove it";
      }
    }
    return null;
  }

  /**
   * The path of a key that holds what cannot be stored, written with JSON's escapes so that the
   * path itself holds none of it: a backslash, {@code u} and the four hex digits of the code.
   */
  static String escapedMember(String path, String key) {
    StringBuilder out = new StringBuilder(path).append("['");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < key.length()
              && Character.isLowSurrogate(key.charAt(i + 1));
      if (paired) {
        out.append(c).append(key.charAt(++i));
      } else if (c == NUL || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '\\' || c == '\'') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.append("']").toString();
  }
}
