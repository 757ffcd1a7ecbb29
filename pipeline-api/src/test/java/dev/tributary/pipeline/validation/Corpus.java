package dev.tributary.pipeline.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample pipelines: the repository's examples ({@code examples/<name>/pipeline.yaml}) and,
 * under {@code src/test/resources/pipelines}, {@code valid/} documents that validate without an
 * error and {@code invalid/} documents whose header comments list the exact errors expected, one
 * per line, as {@link ValidationError#toString()} writes them:
 *
 * <pre>
 * # error: spec.steps[0].filter: unknown field 'amout' (did you mean 'amount'?) at column 1 [unknown-field]
 * # context-team: payments
 * </pre>
 *
 * <p>{@code context-team} validates the document as submitted to that team. Header lines are
 * blanked rather than removed, so that line numbers in messages are those of the file, and so that
 * JSON documents can carry a header too.
 */
final class Corpus {

  private static final String ERROR = "# error: ";
  private static final String CONTEXT_TEAM = "# context-team: ";

  private Corpus() {}

  /** One sample document and what validating it should give. */
  record Sample(String name, String text, ValidationContext context, List<String> expectedErrors) {

    ValidationResult validate() {
      return PipelineValidator.validate(text, context);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The examples, then the documents of {@code valid/}. */
  static List<Sample> valid() {
    return Stream.concat(examples().stream(), load("valid").stream()).toList();
  }

  static List<Sample> invalid() {
    return load("invalid");
  }

  /** The examples of the repository, named by their path in it. */
  static List<Sample> examples() {
    try (Stream<Path> folders = Files.list(Repository.path("examples"))) {
      return folders
          .filter(folder -> Files.isRegularFile(folder.resolve("pipeline.yaml")))
          .map(folder -> example(folder.getFileName().toString()))
          .sorted(Comparator.comparing(Sample::name))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example {@code examples/<name>/pipeline.yaml}. */
  static Sample example(String name) {
    String path = "examples/" + name + "/pipeline.yaml";
    return sample(Repository.path(path), path);
  }

  private static List<Sample> load(String folder) {
    try (Stream<Path> files = Files.list(folder(folder))) {
      return files
          .filter(Files::isRegularFile)
          .sorted()
          .map(file -> sample(file, file.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path folder(String name) {
    URL url = Corpus.class.getResource("/pipelines/" + name);
    if (url == null) {
      throw new IllegalStateException("the test corpus folder pipelines/" + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Sample sample(Path file, String name) {
    String raw;
    try {
      raw = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> expected = new ArrayList<>();
    ValidationContext context = ValidationContext.NONE;
    StringBuilder text = new StringBuilder();
    boolean header = true;
    String[] lines = raw.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      header = header && line.startsWith("#");
      if (header) {
        if (line.startsWith(ERROR)) {
          expected.add(line.substring(ERROR.length()));
        } else if (line.startsWith(CONTEXT_TEAM)) {
          context = ValidationContext.forTeam(line.substring(CONTEXT_TEAM.length()).trim());
        }
      } else {
        text.append(line);
      }
      if (i < lines.length - 1) {
        text.append('\n');
      }
    }
    return new Sample(name, text.toString(), context, List.copyOf(expected));
  }
}
