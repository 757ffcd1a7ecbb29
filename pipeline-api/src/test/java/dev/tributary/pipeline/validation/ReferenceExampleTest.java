package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The complete example of the language reference is the repository's card-fraud example. */
class ReferenceExampleTest {

  private static final String REFERENCE = "docs/pipeline-reference.md";
  private static final String EXAMPLE = "examples/card-fraud/pipeline.yaml";

  @Test
  void referenceShowsTheCardFraudExampleAsItIs() throws IOException {
    String reference = Files.readString(Repository.path(REFERENCE));
    int section = reference.indexOf("## A complete example");
    assertThat(section).as("%s has a section 'A complete example'", REFERENCE).isNotNegative();
    int start = reference.indexOf("```yaml\n", section) + "```yaml\n".length();
    String shown = reference.substring(start, reference.indexOf("```", start));

    assertThat(shown)
        .as("the YAML under 'A complete example' in %s, and %s", REFERENCE, EXAMPLE)
        .isEqualTo(Files.readString(Repository.path(EXAMPLE)));
  }
}
