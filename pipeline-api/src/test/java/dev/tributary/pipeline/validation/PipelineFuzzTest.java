package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.validation.Corpus.Sample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of broken variants of the valid corpus to the validator. Whatever comes in, it
 * must come back as a result: valid with a resolved pipeline, or invalid with errors that each have
 * a path, a code and a message. Run with {@code -Dtributary.fuzz.seed=…} to reproduce a reported
 * failure, or to explore other variants.
 */
class PipelineFuzzTest {

  private static final long SEED = Long.getLong("tributary.fuzz.seed", 20_261_126L);
  private static final int CHARACTER_MUTATIONS_PER_PIPELINE = 75;
  private static final int TREE_MUTATIONS_PER_PIPELINE = 75;
  private static final int MAX_REPORTED_FAILURES = 20;

  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  @Test
  void mutatedPipelinesComeBackAsResultsNeverAsExceptions() {
    List<Sample> samples = Corpus.valid();
    long started = System.nanoTime();

    // Each sample has a random sequence of its own, so that running them in parallel leaves every
    // mutated document the same from run to run.
    int documents =
        IntStream.range(0, samples.size())
            .parallel()
            .map(i -> fuzz(samples.get(i), new Random(SEED + i)))
            .sum();

    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "fuzz: %d mutated documents (seed %d) validated in %d ms, %d failures%n",
        documents, SEED, millis, failures.size());
    assertThat(documents).isGreaterThanOrEqualTo(5_000);
    assertThat(failures).as("documents the validator did not handle").isEmpty();
  }

  private int fuzz(Sample sample, Random random) {
    int documents = 0;
    for (int i = 0; i < CHARACTER_MUTATIONS_PER_PIPELINE; i++) {
      check(sample, Mutations.ofCharacters(sample.text(), random));
      documents++;
    }
    JsonNode tree = read(sample.text());
    for (int i = 0; i < TREE_MUTATIONS_PER_PIPELINE; i++) {
      JsonNode mutated = Mutations.ofTree(tree, random);
      String text = write(mutated, random.nextBoolean());
      check(
          sample,
          String.valueOf(text),
          () -> PipelineValidator.validate(mutated, sample.context()));
      if (text != null) {
        check(sample, text);
      }
      documents++;
    }
    return documents;
  }

  private static JsonNode read(String text) {
    try {
      return PipelineMapper.yaml().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a valid sample does not parse", e);
    }
  }

  /** The tree as JSON or YAML text; null when Jackson will not write it (over 1000 levels deep). */
  private static String write(JsonNode tree, boolean json) {
    try {
      return json
          ? PipelineMapper.json().writeValueAsString(tree)
          : PipelineMapper.yaml().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private void check(Sample sample, String text) {
    check(sample, text, () -> PipelineValidator.validate(text, sample.context()));
  }

  private void check(Sample sample, String text, Validation validation) {
    ValidationResult result;
    try {
      result = validation.run();
    } catch (Throwable t) {
      fail(sample, text, "threw " + stackTrace(t));
      return;
    }
    if (result == null) {
      fail(sample, text, "returned null");
    } else if (result.isValid()) {
      checkValid(sample, text, result);
    } else if (result.errors().isEmpty()) {
      fail(sample, text, "is invalid without an error");
    } else {
      for (ValidationError error : result.errors()) {
        if (error == null
            || error.path() == null
            || error.code() == null
            || error.message() == null
            || error.code().isBlank()
            || error.message().isBlank()) {
          fail(sample, text, "returned an incomplete error: " + error);
        } else if (error.code().equals("internal-error")) {
          fail(sample, text, "failed inside: " + error);
        }
      }
    }
  }

  /** A valid result is one the worker can run: every input resolved, every expression compiles. */
  private void checkValid(Sample sample, String text, ValidationResult result) {
    ValidatedPipeline pipeline = result.pipeline();
    try {
      Set<String> ready = new HashSet<>();
      pipeline.spec().sourcesOrEmpty().forEach(s -> ready.add(s.name()));
      pipeline.spec().tablesOrEmpty().forEach(t -> ready.add(t.name()));
      for (StepSpec step : pipeline.stepsInOrder()) {
        String input =
            step.input().contains(".")
                ? step.input().substring(0, step.input().indexOf('.'))
                : step.input();
        if (!ready.contains(input)) {
          fail(sample, text, "orders step " + step.name() + " before its input " + step.input());
        }
        pipeline.inputType(step);
        ready.add(step.name());
      }
      List<String> uncompiled = PipelineExpressions.compileAll(pipeline);
      if (!uncompiled.isEmpty()) {
        fail(sample, text, "validated expressions that do not compile: " + uncompiled);
      }
    } catch (RuntimeException e) {
      fail(sample, text, "validated a pipeline that cannot be resolved: " + stackTrace(e));
    }
  }

  private void fail(Sample sample, String text, String what) {
    synchronized (failures) {
      if (failures.size() < MAX_REPORTED_FAILURES) {
        String excerpt = text.length() > 3_000 ? text.substring(0, 3_000) + "…" : text;
        failures.add(
            "a variant of " + sample.name() + " " + what + "\n--- document ---\n" + excerpt);
      } else if (failures.size() == MAX_REPORTED_FAILURES) {
        failures.add("… and more");
      }
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    String trace = out.toString();
    return trace.length() > 2_000 ? trace.substring(0, 2_000) + "…" : trace;
  }

  @FunctionalInterface
  private interface Validation {
    ValidationResult run();
  }
}
