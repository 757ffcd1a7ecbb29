package dev.tributary.pipeline.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A value of a document and where it sits: its parent, and its key or index there. Checks that walk
 * a whole document write a path only for a value they report, so that a large document costs them
 * no strings.
 */
record TreePlace(TreePlace parent, String key, int index, JsonNode node) {

  static TreePlace root(JsonNode document) {
    return new TreePlace(null, null, -1, document);
  }

  TreePlace member(String key, JsonNode value) {
    return new TreePlace(this, key, -1, value);
  }

  TreePlace element(int index, JsonNode value) {
    return new TreePlace(this, null, index, value);
  }

  String path() {
    List<TreePlace> chain = new ArrayList<>();
    for (TreePlace p = this; p.parent() != null; p = p.parent()) {
      chain.add(p);
    }
    String path = "";
    for (TreePlace p : chain.reversed()) {
      if (p.key() == null) {
        path = JsonPaths.element(path, p.index());
      } else if (StorableText.problem(p.key()) == null) {
        path = JsonPaths.member(path, p.key());
      } else {
        path = StorableText.escapedMember(path, p.key());
      }
    }
    return path;
  }
}
