package dev.tributary.pipeline.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ways to break a pipeline document, for the fuzz test: edits of its characters, as a typo or a
 * botched copy and paste makes them, and edits of its tree, as a wrong tool or a confused author
 * makes them. Every choice comes from the given {@link Random}, so a seed reproduces a run.
 */
final class Mutations {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Characters with a meaning in YAML, JSON or CEL, and a few that have none anywhere. */
  private static final String ALPHABET =
      "{}[]:,-#&*!|>'\"\n\t \\%@`?=<.()+/$aZ09_é€\u0000\uFEFF\u202E";

  /** Words of the language, and values that sit at or beyond its limits. */
  private static final List<String> WORDS =
      List.of(
          "transactions",
          "cards",
          "filter",
          "select",
          "aggregate",
          "join",
          "window",
          "with",
          "input",
          "name",
          "true",
          "null",
          "5m",
          "0s",
          "-1s",
          "999999999999d",
          "999999999999h",
          "tumbling",
          "session",
          "outer",
          "asOf",
          "list<string>",
          "map<string,int>",
          "amount > 1.0",
          "size(x)",
          "a.b",
          "a..b",
          ".",
          "route.",
          "payments.x",
          "",
          " ",
          "{}",
          "[]",
          "~",
          "&a",
          "*a",
          "!!binary",
          "in",
          "2147483648",
          "1e400",
          "\uD800",
          "\u0000",
          "list<".repeat(3_000) + "int" + ">".repeat(3_000),
          "(".repeat(400) + "1" + ")".repeat(400),
          "a".repeat(1_001),
          "n".repeat(30_000),
          "items.all(i, items.all(j, items.all(k, i == j)))",
          "has(a.b.c.d)",
          "timestamp(\"2024-01-01T00:00:00Z\")",
          "1/0",
          "'\\'");

  private Mutations() {}

  // ---- characters --------------------------------------------------------------------------

  static String ofCharacters(String text, Random random) {
    String mutated = text;
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      mutated = characterEdit(mutated, random);
    }
    return mutated;
  }

  private static String characterEdit(String text, Random random) {
    if (text.isEmpty()) {
      return String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    int at = random.nextInt(text.length());
    return switch (random.nextInt(9)) {
      case 0 ->
          text.substring(0, at)
              + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
      case 1 ->
          text.substring(0, at)
              + randomCharacters(random, 1 + random.nextInt(5))
              + text.substring(at);
      case 2 -> swap(text, at, random.nextInt(text.length()));
      case 3 -> text.substring(0, at);
      case 4 -> duplicateLine(text, at);
      case 5 ->
          text.substring(0, at)
              + ALPHABET.charAt(random.nextInt(ALPHABET.length()))
              + text.substring(at + 1);
      case 6 -> reindent(text, at, random);
      // Just past the validator's nesting limit: YAML's scanner looks ahead up to 1024 characters
      // at every open bracket, so deeper inserts only cost time and find nothing more.
      case 7 ->
          text.substring(0, at)
              + (random.nextBoolean() ? "[" : "{a: ").repeat(60 + random.nextInt(200))
              + text.substring(at);
      default ->
          text.substring(0, at) + WORDS.get(random.nextInt(WORDS.size())) + text.substring(at);
    };
  }

  private static String randomCharacters(Random random, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  private static String swap(String text, int a, int b) {
    char[] chars = text.toCharArray();
    char c = chars[a];
    chars[a] = chars[b];
    chars[b] = c;
    return new String(chars);
  }

  private static String duplicateLine(String text, int at) {
    int start = at == 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
    int end = text.indexOf('\n', at);
    String line = text.substring(start, end < 0 ? text.length() : end);
    return text.substring(0, start) + line + "\n" + text.substring(start);
  }

  private static String reindent(String text, int at, Random random) {
    int start = at == 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
    if (random.nextBoolean()) {
      return text.substring(0, start) + "  " + text.substring(start);
    }
    return text.startsWith("  ", start)
        ? text.substring(0, start) + text.substring(start + 2)
        : text;
  }

  // ---- trees -------------------------------------------------------------------------------

  /** Edits a copy of {@code document}; the original stays as it is. */
  static JsonNode ofTree(JsonNode document, Random random) {
    JsonNode mutated = document.deepCopy();
    int edits = 1 + random.nextInt(5);
    for (int i = 0; i < edits; i++) {
      mutated = treeEdit(mutated, random);
    }
    return mutated;
  }

  private static JsonNode treeEdit(JsonNode root, Random random) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return randomValue(random, root);
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(9)) {
      case 0 -> slot.remove();
      case 1, 2 -> slot.set(randomValue(random, root));
      case 3 -> duplicateStep(root, random);
      case 4 -> renameReference(root, slots, random);
      case 5 -> swapItems(slots, random);
      case 6 -> addUnknownField(slot, random);
      case 7 ->
          slot.set(
              slot.value().isTextual()
                  ? NODES.textNode(typo(slot.value().asText(), random))
                  : randomValue(random, root));
      default -> slot.set(NODES.textNode(WORDS.get(random.nextInt(WORDS.size()))));
    }
    return root;
  }

  private static JsonNode randomValue(Random random, JsonNode root) {
    return switch (random.nextInt(14)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt(21) - 10);
      case 3 -> NODES.numberNode(Long.MAX_VALUE);
      case 4 -> NODES.numberNode(new BigInteger("123456789012345678901234567890"));
      case 5 -> NODES.numberNode(random.nextDouble() * 1e6);
      case 6 -> NODES.textNode("");
      case 7 -> NODES.textNode("x".repeat(10_000 + random.nextInt(20_000)));
      // Jackson writes at most 1000 levels; deeper text comes from the character edits.
      case 8 -> nested(random.nextInt(2) == 0, 50 + random.nextInt(900));
      case 9 -> NODES.objectNode();
      case 10 -> NODES.arrayNode();
      case 11 -> NODES.textNode(WORDS.get(random.nextInt(WORDS.size())));
      case 12 -> root.deepCopy();
      default -> NODES.textNode(randomCharacters(random, 1 + random.nextInt(12)));
    };
  }

  private static JsonNode nested(boolean arrays, int depth) {
    JsonNode node = NODES.textNode("deep");
    for (int i = 0; i < depth; i++) {
      node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
    }
    return node;
  }

  private static void duplicateStep(JsonNode root, Random random) {
    JsonNode steps = root.path("spec").path("steps");
    if (steps instanceof ArrayNode array && !array.isEmpty()) {
      JsonNode copy = array.get(random.nextInt(array.size())).deepCopy();
      array.insert(random.nextInt(array.size() + 1), copy);
    }
  }

  /** Points an input, a join's right side or a sink at another name of the document, or a typo. */
  private static void renameReference(JsonNode root, List<Slot> slots, Random random) {
    List<String> names = new ArrayList<>();
    List<Slot> references = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.key() != null && slot.value().isTextual()) {
        switch (slot.key()) {
          case "name" -> names.add(slot.value().asText());
          case "input", "with" -> references.add(slot);
          default -> {}
        }
      }
    }
    if (references.isEmpty() || names.isEmpty()) {
      return;
    }
    Slot reference = references.get(random.nextInt(references.size()));
    String name = names.get(random.nextInt(names.size()));
    reference.set(NODES.textNode(random.nextInt(4) == 0 ? typo(name, random) : name));
  }

  private static void swapItems(List<Slot> slots, Random random) {
    List<ArrayNode> arrays = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.value() instanceof ArrayNode array && array.size() > 1) {
        arrays.add(array);
      }
    }
    if (arrays.isEmpty()) {
      return;
    }
    ArrayNode array = arrays.get(random.nextInt(arrays.size()));
    int a = random.nextInt(array.size());
    int b = random.nextInt(array.size());
    JsonNode first = array.get(a);
    array.set(a, array.get(b));
    array.set(b, first);
  }

  private static void addUnknownField(Slot slot, Random random) {
    if (slot.value() instanceof ObjectNode object) {
      object.put(typo(WORDS.get(random.nextInt(WORDS.size())), random), "surprise");
    }
  }

  private static String typo(String text, Random random) {
    if (text.isEmpty()) {
      return "x";
    }
    return characterEdit(text, random);
  }

  /** Every place of a tree that holds a value, with how to replace or remove it. */
  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      List<String> keys = new ArrayList<>();
      object.properties().forEach(property -> keys.add(property.getKey()));
      for (String key : keys) {
        slots.add(new Slot(object, key, -1, object.get(key)));
        collect(object.get(key), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i, array.get(i)));
        collect(array.get(i), slots);
      }
    }
  }

  // ---- bytes ------------------------------------------------------------------------------

  /**
   * Bytes that are not UTF-8 on their own, or are only in company: NUL, lone continuation bytes,
   * the start of a sequence cut short, an encoded surrogate, an overlong slash, a valid emoji.
   */
  private static final byte[][] ODD_BYTES = {
    {0},
    {(byte) 0x80},
    {(byte) 0xBF},
    {(byte) 0xC0},
    {(byte) 0xC3},
    {(byte) 0xFF},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xC0, (byte) 0xAF},
    {(byte) 0xF0, (byte) 0x9F, (byte) 0x8C, (byte) 0x8A},
    {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
  };

  /** Escapes that YAML's double quotes and JSON's strings turn into characters of their own. */
  private static final List<String> ESCAPES =
      List.of("\\u0000", "\\0", "\\ud800", "\\udc00", "\\U0001F30A", "\\x00", "\\uD83C\\uDF0A");

  /**
   * Edits the UTF-8 bytes of {@code text}, as a broken transfer or a hostile client makes them, and
   * reads them back as a lenient decoder does: every malformed sequence becomes U+FFFD; or, now and
   * then, every byte one character of ISO-8859-1.
   */
  static String ofBytes(String text, Random random) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      bytes = byteEdit(bytes, random);
    }
    return random.nextInt(8) == 0
        ? new String(bytes, StandardCharsets.ISO_8859_1)
        : new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] byteEdit(byte[] bytes, Random random) {
    if (bytes.length == 0) {
      return ODD_BYTES[random.nextInt(ODD_BYTES.length)].clone();
    }
    int at = random.nextInt(bytes.length);
    int length = 1 + random.nextInt(Math.min(64, bytes.length - at));
    return switch (random.nextInt(7)) {
      case 0 -> {
        byte[] flipped = bytes.clone();
        flipped[at] ^= (byte) (1 << random.nextInt(8));
        yield flipped;
      }
      case 1 -> splice(bytes, at, 0, ODD_BYTES[random.nextInt(ODD_BYTES.length)]);
      case 2 -> splice(bytes, at, length, new byte[0]);
      case 3 -> splice(bytes, random.nextInt(bytes.length + 1), 0, slice(bytes, at, length));
      case 4 -> splice(bytes, at, 0, new byte[] {0});
      case 5 ->
          splice(
              bytes,
              at,
              0,
              ESCAPES.get(random.nextInt(ESCAPES.size())).getBytes(StandardCharsets.UTF_8));
      default -> slice(bytes, 0, at);
    };
  }

  /**
   * A range of {@code text} repeated until the document is near {@code size} characters, or a run
   * of opening brackets: what makes a parser or a pass work hard for its length.
   */
  static String ofSize(String text, int size, Random random) {
    int at = random.nextInt(text.length());
    if (random.nextInt(3) == 0) {
      String open = random.nextBoolean() ? "[" : "{a: ";
      int depth = 1 + random.nextInt(Math.max(1, (size - text.length()) / open.length()));
      return text.substring(0, at) + open.repeat(depth) + text.substring(at);
    }
    // Whole lines, so that YAML repeats list items and keys rather than only breaking.
    int start = text.lastIndexOf('\n', at) + 1;
    int end = text.indexOf('\n', at);
    int stop =
        text.indexOf(
            '\n',
            Math.min(text.length(), (end < 0 ? text.length() : end) + 1 + random.nextInt(200)));
    String range = text.substring(start, stop < 0 ? text.length() : stop + 1);
    int times = Math.max(1, (size - text.length()) / Math.max(1, range.length()));
    return text.substring(0, start) + range.repeat(times) + text.substring(start);
  }

  /**
   * Edits of the tree that keep its shape plausible: a value of another type, a list element
   * repeated many times, a key dropped.
   */
  static JsonNode ofStructure(JsonNode document, Random random) {
    JsonNode mutated = document.deepCopy();
    List<Slot> slots = new ArrayList<>();
    collect(mutated, slots);
    if (slots.isEmpty()) {
      return mutated;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(3)) {
      case 0 -> slot.set(otherType(slot.value(), random));
      case 1 -> {
        List<ArrayNode> arrays = new ArrayList<>();
        slots.forEach(
            s -> {
              if (s.value() instanceof ArrayNode array && !array.isEmpty()) {
                arrays.add(array);
              }
            });
        if (!arrays.isEmpty()) {
          ArrayNode array = arrays.get(random.nextInt(arrays.size()));
          JsonNode element = array.get(random.nextInt(array.size()));
          int times = 1 + random.nextInt(random.nextBoolean() ? 10 : 400);
          for (int i = 0; i < times; i++) {
            array.add(element.deepCopy());
          }
        }
      }
      default -> slot.remove();
    }
    return mutated;
  }

  /** The same value as another JSON type, as a confused tool or YAML's implicit types write it. */
  private static JsonNode otherType(JsonNode value, Random random) {
    String text = value.isValueNode() ? value.asText() : value.toString();
    return switch (random.nextInt(6)) {
      case 0 -> NODES.textNode(text);
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> value.isNumber() ? NODES.textNode(text) : NODES.numberNode(text.length());
      case 3 -> NODES.nullNode();
      case 4 -> NODES.arrayNode().add(value.deepCopy());
      default -> NODES.objectNode().set("value", value.deepCopy());
    };
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] out = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
    return out;
  }

  private static byte[] slice(byte[] bytes, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(bytes, from, out, 0, length);
    return out;
  }

  // ---- YAML scalars -----------------------------------------------------------------------

  /** What YAML reads as other than text, or as nothing, or as a reference to another node. */
  private static final List<String> YAML_SCALARS =
      List.of(
          "yes",
          "No",
          "on",
          "OFF",
          "y",
          "True",
          "FALSE",
          "010",
          "0x1F",
          "0b101",
          "0o17",
          "1_000",
          "+5",
          ".5",
          "1e3",
          ".inf",
          "-.Inf",
          ".NaN",
          "~",
          "null",
          "Null",
          "*nope",
          "*a",
          "2024-01-01",
          "12:30:00",
          "'yes'",
          "\"010\"",
          "'0o17'",
          "\"null\"",
          "'~'",
          "[]",
          "{}");

  private static final List<String> YAML_PREFIXES =
      List.of("&a ", "!!str ", "!!int ", "!!binary ", "!custom ", "!<tag:yaml.org,2002:str> ");

  /**
   * Rewrites one value of a YAML text the way YAML lets an author write it: a word YAML 1.1 reads
   * as a boolean, a number in another base, null, an alias, an anchor or a tag before the value.
   * Every choice comes from {@code random}.
   */
  static String ofScalars(String text, Random random) {
    List<Integer> colons = new ArrayList<>();
    for (int at = text.indexOf(": "); at >= 0; at = text.indexOf(": ", at + 1)) {
      colons.add(at + 2);
    }
    if (colons.isEmpty()) {
      return text;
    }
    String mutated = text;
    for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
      int start = colons.get(random.nextInt(colons.size()));
      if (start >= mutated.length()) {
        continue;
      }
      int end = start;
      while (end < mutated.length() && ",}]\n".indexOf(mutated.charAt(end)) < 0) {
        end++;
      }
      String value = mutated.substring(start, end);
      String replacement =
          random.nextBoolean()
              ? YAML_SCALARS.get(random.nextInt(YAML_SCALARS.size()))
              : YAML_PREFIXES.get(random.nextInt(YAML_PREFIXES.size())) + value;
      mutated = mutated.substring(0, start) + replacement + mutated.substring(end);
    }
    return mutated;
  }

  private record Slot(JsonNode parent, String key, int index, JsonNode value) {

    void set(JsonNode replacement) {
      if (parent instanceof ObjectNode object) {
        object.set(key, replacement);
      } else if (parent instanceof ArrayNode array && index < array.size()) {
        array.set(index, replacement);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode object) {
        object.remove(key);
      } else if (parent instanceof ArrayNode array && index < array.size()) {
        array.remove(index);
      }
    }
  }
}
