package dev.tributary.pipeline.validation;

import static dev.tributary.pipeline.validation.ValidationCode.AMBIGUOUS_YAML_VALUE;
import static dev.tributary.pipeline.validation.ValidationCode.SYNTAX;
import static dev.tributary.pipeline.validation.ValidationCode.YAML_ALIAS;
import static dev.tributary.pipeline.validation.ValidationCode.YAML_TAG;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.ByteArrayInputStream;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads YAML as the language means it, refusing what the YAML parser would otherwise turn silently
 * into something else than the author sees:
 *
 * <ul>
 *   <li>anchors and aliases: Jackson does not resolve an alias, it reads {@code *name} as the text
 *       {@code name}, whether an anchor of that name exists or not; resolving them instead would
 *       let a small document expand into a huge one;
 *   <li>tags: {@code !!binary} and {@code !custom} change or drop what the value is;
 *   <li>YAML 1.1's implicit types beyond {@code true}, {@code false} and decimal numbers: {@code
 *       yes} and {@code off} as booleans, {@code 010} as the octal 8, {@code 0x1F}, {@code 0b101},
 *       {@code 1_000}, which YAML 1.2, JSON and most readers take otherwise.
 * </ul>
 *
 * It reports every such value, with its path and position, and reads on. It reads the YAML events
 * behind Jackson's tokens, which alone know a scalar's anchor: Jackson drops it.
 */
final class StrictYamlParser extends YAMLParser {

  private static final Set<String> BOOLEANS =
      Set.of("true", "True", "TRUE", "false", "False", "FALSE");
  private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern OCTAL = Pattern.compile("[-+]?0o[0-7]+");
  private static final String STANDARD_TAG = "tag:yaml.org,2002:";

  private final List<ValidationError> refused = new ArrayList<>();

  private StrictYamlParser(
      IOContext context,
      int parserFeatures,
      int yamlFeatures,
      LoaderOptions options,
      ObjectCodec codec,
      Reader reader) {
    super(context, parserFeatures, yamlFeatures, options, codec, reader);
  }

  /**
   * The longest run of characters that the YAML reader holds in memory as one piece: characters
   * without whitespace, and in a flow document (one that starts with a bracket, as JSON does) also
   * without a flow indicator outside quotes, or a quote or backslash inside them. SnakeYAML copies
   * all of the piece read so far each time it reads 1,024 characters more, so a piece costs time
   * growing with its square: 900,000 characters take seconds.
   */
  static final int MAX_RUN = 65_536;

  private static final char NEXT_LINE = 0x85;
  private static final char LINE_SEPARATOR = 0x2028;
  private static final char PARAGRAPH_SEPARATOR = 0x2029;

  /** A text whose longest run is over {@link #MAX_RUN}, refused before it is read; or null. */
  static ValidationError tooLongRun(String text) {
    boolean flow = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isYamlSpace(c)) {
        flow = c == '{' || c == '[';
        break;
      }
    }
    int line = 1;
    int run = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ends;
      if (!flow) {
        ends = isYamlSpace(c);
      } else if (quote != 0) {
        ends = isYamlSpace(c) || c == quote || c == '\\';
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          i++;
        }
      } else {
        ends = isYamlSpace(c) || "{}[],:'\"".indexOf(c) >= 0;
        if (c == '"' || c == '\'') {
          quote = c;
        }
      }
      run = ends ? 0 : run + 1;
      if (c == '\n') {
        line++;
      }
      if (run > MAX_RUN) {
        return new ValidationError(
            "",
            SYNTAX,
            "line "
                + line
                + " holds more than "
                + MAX_RUN
                + " characters in a row without a space; YAML is read in time that grows with the"
                + " square of such a run: break the value up, or send the document as JSON");
      }
    }
    return null;
  }

  /** The characters that end a run for SnakeYAML: spaces, tabs and YAML's line breaks. */
  private static boolean isYamlSpace(char c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || c == NEXT_LINE
        || c == LINE_SEPARATOR
        || c == PARAGRAPH_SEPARATOR;
  }

  /** Every value refused so far, in document order. */
  List<ValidationError> refused() {
    return refused;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = super.nextToken();
    if (token != null && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
      check(token);
    }
    return token;
  }

  private void check(JsonToken token) throws IOException {
    if (_lastEvent instanceof AliasEvent alias) {
      refuse(
          token,
          YAML_ALIAS,
          "'*"
              + alias.getAnchor()
              + "' is a YAML alias; anchors and aliases are not supported, write the value out in"
              + " full");
      return;
    }
    if (_lastEvent instanceof NodeEvent node && node.getAnchor() != null) {
      refuse(
          token,
          YAML_ALIAS,
          "'&"
              + node.getAnchor()
              + "' is a YAML anchor; anchors and aliases are not supported, write the value out in"
              + " full");
    }
    String tag =
        _lastEvent instanceof ScalarEvent scalar
            ? scalar.getTag()
            : _lastEvent instanceof CollectionStartEvent collection ? collection.getTag() : null;
    if (tag != null) {
      String written =
          tag.startsWith(STANDARD_TAG) ? "!!" + tag.substring(STANDARD_TAG.length()) : tag;
      refuse(
          token,
          YAML_TAG,
          "'"
              + written
              + "' is a YAML tag; tags are not supported, quote the value to make it text");
      return;
    }
    String text = getText();
    switch (token) {
      case VALUE_TRUE, VALUE_FALSE -> {
        if (!BOOLEANS.contains(text)) {
          refuse(
              token,
              AMBIGUOUS_YAML_VALUE,
              "YAML reads the unquoted '"
                  + text
                  + "' as the boolean "
                  + (token == JsonToken.VALUE_TRUE)
                  + "; write "
                  + (token == JsonToken.VALUE_TRUE)
                  + ", or quote '"
                  + text
                  + "' for the text");
        }
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        Pattern plain = token == JsonToken.VALUE_NUMBER_INT ? INTEGER : FLOAT;
        if (!plain.matcher(text).matches()) {
          refuse(
              token,
              AMBIGUOUS_YAML_VALUE,
              "YAML reads the unquoted '"
                  + text
                  + "' as the number "
                  + getNumberValue()
                  + "; write numbers in plain decimal, or quote '"
                  + text
                  + "' for the text");
        }
      }
      case VALUE_STRING -> {
        // YAML 1.2 reads 0o17 as the number 15, the YAML 1.1 parser as text.
        if (_lastEvent instanceof ScalarEvent scalar
            && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
            && OCTAL.matcher(text).matches()) {
          refuse(
              token,
              AMBIGUOUS_YAML_VALUE,
              "YAML 1.2 reads the unquoted '"
                  + text
                  + "' as an octal number and YAML 1.1 as text; write numbers in plain decimal,"
                  + " or quote '"
                  + text
                  + "' for the text");
        }
      }
      default -> {}
    }
  }

  private void refuse(JsonToken token, ValidationCode code, String message) {
    JsonLocation at = currentTokenLocation();
    String where =
        at == null || at.getLineNr() < 0
            ? ""
            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    refused.add(new ValidationError(path(token), code, message + where));
  }

  /** The path of the current token's value: for a key, of the value it names. */
  private String path(JsonToken token) {
    JsonStreamContext context = getParsingContext();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      context = context.getParent();
    }
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(c);
    }
    String path = "";
    for (JsonStreamContext c : chain.reversed()) {
      if (c.inArray()) {
        path = JsonPaths.element(path, Math.max(0, c.getCurrentIndex()));
      } else if (c.getCurrentName() != null) {
        path = JsonPaths.member(path, c.getCurrentName());
      }
    }
    return path;
  }

  /** Makes {@link StrictYamlParser}s, with every setting a {@link YAMLFactory} takes. */
  static final class Factory extends YAMLFactory {

    Factory(YAMLFactoryBuilder settings) {
      super(settings);
    }

    private Factory(Factory original) {
      super(original, null);
    }

    @Override
    public YAMLFactory copy() {
      return new Factory(this);
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
      return new StrictYamlParser(
          context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }

    @Override
    protected YAMLParser _createParser(
        char[] text, int offset, int length, IOContext context, boolean recyclable) {
      return _createParser(new CharArrayReader(text, offset, length), context);
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext context) {
      return _createParser(new InputStreamReader(in, StandardCharsets.UTF_8), context);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int length, IOContext context) {
      return _createParser(new ByteArrayInputStream(data, offset, length), context);
    }
  }
}
