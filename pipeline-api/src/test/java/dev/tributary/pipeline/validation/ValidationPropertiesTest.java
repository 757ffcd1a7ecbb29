package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.pipeline.spec.Durations;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.Corpus.Sample;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Properties of validation that hold whatever the text, checked on documents generated from the
 * valid corpus (the repository's examples and {@code pipelines/valid/}) by edits of their bytes, of
 * their tree, and of their size. For every document:
 *
 * <ul>
 *   <li>validation answers, never throws, and never fails inside ({@code internal-error});
 *   <li>every error has a path, a code and a message;
 *   <li>it takes well under a second of CPU;
 *   <li>a document it accepts holds nothing PostgreSQL cannot store, reads in YAML 1.2 (as
 *       Kubernetes tools and the operator's fabric8 read it) as the validator read it, and keeps
 *       its meaning through the canonical JSON the catalog stores: that JSON validates to the same
 *       pipeline, and writing it again changes nothing.
 * </ul>
 *
 * <p>Each try has a seed of its own, derived from {@code -Dtributary.fuzz.seed}; a failure names
 * it, with the document cut down to what still fails.
 */
class ValidationPropertiesTest {

  private static final long SEED = Long.getLong("tributary.fuzz.seed", 20_261_126L);
  private static final int TRIES = Integer.getInteger("tributary.fuzz.tries", 1_500);

  /** CPU time of one validation, generously: the largest accepted pipeline takes a fifth. */
  private static final Duration CPU_PER_VALIDATION = Duration.ofSeconds(1);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Load YAML_1_2 =
      new Load(
          LoadSettings.builder()
              .setSchema(new CoreSchema())
              .setAllowDuplicateKeys(false)
              .setCodePointLimit(PipelineValidator.MAX_DOCUMENT_CHARS * 4)
              .build());

  private static List<Sample> samples;

  @BeforeAll
  static void loadTheCorpusAndWarmUp() {
    samples = Corpus.valid();
    // Class loading and the first compilations are no validation's cost.
    samples.forEach(Sample::validate);
  }

  @Test
  void byteEditsAreAnsweredWithErrorsOrAFaithfulPipeline() {
    forEveryTry(1, (sample, random) -> text(Mutations.ofBytes(sample.text(), random), sample));
  }

  @Test
  void characterEditsAreAnsweredWithErrorsOrAFaithfulPipeline() {
    forEveryTry(2, (sample, random) -> text(Mutations.ofCharacters(sample.text(), random), sample));
  }

  @Test
  void yamlValuesWrittenEveryWayYamlAllowsAreAnsweredWithErrorsOrAFaithfulPipeline() {
    forEveryTry(5, (sample, random) -> text(Mutations.ofScalars(sample.text(), random), sample));
  }

  @Test
  void treeEditsAreAnsweredWithErrorsOrAFaithfulPipeline() {
    forEveryTry(
        3,
        (sample, random) -> {
          JsonNode tree =
              random.nextBoolean()
                  ? Mutations.ofStructure(read(sample.text()), random)
                  : Mutations.ofTree(read(sample.text()), random);
          return text(write(tree, random.nextBoolean()), sample);
        });
  }

  @Test
  void documentsUpToTheSizeLimitAreAnsweredQuickly() {
    forEveryTry(
        4,
        TRIES / 15,
        (sample, random) ->
            text(
                Mutations.ofSize(
                    sample.text(), random.nextInt(PipelineValidator.MAX_DOCUMENT_CHARS), random),
                sample));
  }

  @Test
  void rewritingAValidDocumentInAnotherSyntaxKeepsItsPipeline() {
    for (Sample sample : samples) {
      ValidationResult original = sample.validate();
      JsonNode tree = read(sample.text());

      for (boolean json : new boolean[] {true, false}) {
        ValidationResult rewritten =
            PipelineValidator.validate(
                write(tree, json),
                json ? DocumentSyntax.JSON : DocumentSyntax.YAML,
                sample.context());

        assertThat(rewritten.errors()).as(sample.name()).isEmpty();
        assertThat(rewritten.document()).as(sample.name()).isEqualTo(original.document());
      }
    }
  }

  /** A document to validate, in the syntax its first character suggests. */
  private record Try(String text, Sample sample) {}

  private static Try text(String text, Sample sample) {
    return new Try(text, sample);
  }

  @FunctionalInterface
  private interface Generator {
    Try make(Sample sample, Random random);
  }

  private static void forEveryTry(int property, Generator generator) {
    forEveryTry(property, TRIES, generator);
  }

  private static void forEveryTry(int property, int tries, Generator generator) {
    for (int i = 0; i < tries; i++) {
      long seed = SEED * 31 + property * 1_000_003L + i;
      Random random = new Random(seed);
      Sample sample = samples.get(random.nextInt(samples.size()));
      Try attempt = generator.make(sample, random);
      if (attempt.text() == null) {
        continue;
      }
      String failure = failure(attempt.text(), sample);
      if (failure != null) {
        String smallest = shrink(attempt.text(), sample, failure);
        throw new AssertionError(
            "a document made from "
                + sample.name()
                + " with seed "
                + seed
                + " (property "
                + property
                + ", try "
                + i
                + ") "
                + failure
                + "\n--- smallest document that still fails ---\n"
                + excerpt(smallest));
      }
    }
  }

  /** What is wrong with validating {@code text}, or null when every property holds. */
  private static String failure(String text, Sample sample) {
    ValidationResult result;
    long cpuStarted = THREADS.getCurrentThreadCpuTime();
    try {
      result = PipelineValidator.validate(text, sample.context());
    } catch (Throwable t) {
      return "made the validator throw " + t;
    }
    Duration cpu = Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - cpuStarted);
    if (cpu.compareTo(CPU_PER_VALIDATION) > 0) {
      return "took " + cpu.toMillis() + " ms of CPU to validate";
    }
    if (result == null) {
      return "was answered with null";
    }
    for (ValidationError error : result.errors()) {
      if (error.code().equals(ValidationCode.INTERNAL_ERROR.value())) {
        return "failed inside the validator: " + error;
      }
      if (error.path() == null || error.message() == null || error.message().isBlank()) {
        return "came back with an incomplete error: " + error;
      }
    }
    if (!result.isValid()) {
      return result.errors().isEmpty() ? "is invalid without an error" : null;
    }
    return acceptedFailure(text, result, sample);
  }

  /** What is wrong with a document the validator accepted, or null. */
  private static String acceptedFailure(String text, ValidationResult result, Sample sample) {
    String canonical;
    try {
      canonical = PipelineMapper.json().writeValueAsString(result.document());
    } catch (JsonProcessingException e) {
      return "was accepted but cannot be written as JSON: " + e;
    }
    String unstorable = unstorable(canonical);
    if (unstorable != null) {
      return "was accepted with " + unstorable;
    }
    ValidationResult again =
        PipelineValidator.validate(canonical, DocumentSyntax.JSON, sample.context());
    if (!again.isValid()) {
      return "was accepted, but its canonical JSON is refused: " + again.errors();
    }
    if (!again.document().equals(result.document())) {
      return "was accepted, but its canonical JSON is another pipeline: " + canonical;
    }
    try {
      if (!PipelineMapper.json().writeValueAsString(again.document()).equals(canonical)) {
        return "was accepted, but its canonical JSON changes when written again";
      }
    } catch (JsonProcessingException e) {
      return "was accepted, but its canonical JSON cannot be written again: " + e;
    }
    JsonNode written;
    try {
      written = independentReading(text);
    } catch (RuntimeException e) {
      return "was accepted, but is no YAML 1.2 or JSON document: " + e.getMessage();
    }
    JsonNode stored = read(canonical);
    String difference = difference("", written, stored);
    return difference == null
        ? null
        : "was accepted, but what the catalog stores differs from what was written: " + difference;
  }

  /**
   * The document as YAML 1.2 reads it (JSON is YAML 1.2), by a parser the validator does not use.
   */
  private static JsonNode independentReading(String text) {
    Object data = YAML_1_2.loadFromString(text);
    return PipelineMapper.json().valueToTree(data);
  }

  /**
   * Where {@code stored} means something else than {@code written}, or null. A duration may be
   * written in another unit ({@code 60s}, {@code 1m}) and a number with another notation ({@code
   * 3}, {@code 3.0}); nothing else may differ.
   */
  private static String difference(String path, JsonNode written, JsonNode stored) {
    if (written.isObject() && stored.isObject()) {
      if (!keys(written).equals(keys(stored))) {
        return path + ": keys " + keys(written) + " became " + keys(stored);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String inner =
            difference(
                JsonPaths.member(path, field.getKey()),
                field.getValue(),
                stored.get(field.getKey()));
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (written.isArray() && stored.isArray() && written.size() == stored.size()) {
      for (int i = 0; i < written.size(); i++) {
        String inner = difference(JsonPaths.element(path, i), written.get(i), stored.get(i));
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (written.isNumber() && stored.isNumber()) {
      return new BigDecimal(written.asText()).compareTo(new BigDecimal(stored.asText())) == 0
          ? null
          : path + ": " + written + " became " + stored;
    }
    if (written.isTextual() && stored.isTextual()) {
      boolean sameDuration =
          Durations.parse(written.asText()).isPresent()
              && Durations.parse(written.asText()).equals(Durations.parse(stored.asText()));
      return written.equals(stored) || sameDuration
          ? null
          : path + ": " + written + " became " + stored;
    }
    return written.equals(stored) ? null : path + ": " + written + " became " + stored;
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    return keys;
  }

  /** A NUL or a lone surrogate in {@code text}, described; or null. */
  private static String unstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "a NUL character at " + i;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "an unpaired surrogate at " + i;
      }
    }
    return null;
  }

  /**
   * The shortest document found, by cutting out lines and then characters, that fails the same way
   * ({@code failure} up to its first colon, so that the numbers in it may change).
   */
  private static String shrink(String text, Sample sample, String failure) {
    Function<String, Boolean> failsAlike =
        candidate -> {
          String f = failure(candidate, sample);
          return f != null && kind(f).equals(kind(failure));
        };
    String smallest = text;
    for (int attempts = 0, chunk = Math.max(1, smallest.length() / 2);
        chunk >= 1 && attempts < 400;
        chunk /= 2) {
      for (int at = 0; at < smallest.length() && attempts < 400; attempts++) {
        String candidate =
            smallest.substring(0, at) + smallest.substring(Math.min(smallest.length(), at + chunk));
        if (failsAlike.apply(candidate)) {
          smallest = candidate;
        } else {
          at += chunk;
        }
      }
    }
    return smallest;
  }

  private static String kind(String failure) {
    int cut = failure.indexOf(' ', failure.indexOf(' ') + 1);
    return cut < 0 ? failure : failure.substring(0, cut);
  }

  private static JsonNode read(String text) {
    try {
      return PipelineMapper.yaml().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a sample of the corpus does not parse", e);
    }
  }

  /** The tree as JSON or YAML text; null when Jackson will not write it. */
  private static String write(JsonNode tree, boolean json) {
    try {
      return json
          ? PipelineMapper.json().writeValueAsString(tree)
          : PipelineMapper.yaml().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String excerpt(String text) {
    return Objects.toString(text).length() > 3_000 ? text.substring(0, 3_000) + "…" : text;
  }
}
