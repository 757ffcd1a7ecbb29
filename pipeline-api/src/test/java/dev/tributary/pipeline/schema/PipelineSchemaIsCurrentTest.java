package dev.tributary.pipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class PipelineSchemaIsCurrentTest {

  @Test
  void checkedInSchemaMatchesTheModel() throws Exception {
    String generated = PipelineSchemaGenerator.generate();
    if (Boolean.getBoolean("tributary.schema.update")) {
      Files.writeString(PipelineSchemaGenerator.CHECKED_IN, generated);
    }
    assertThat(Files.readString(PipelineSchemaGenerator.CHECKED_IN))
        .as(
            "the checked-in JSON Schema is stale; regenerate it with"
                + " ./mvnw -pl pipeline-api test -Dtest=PipelineSchemaIsCurrentTest"
                + " -Dtributary.schema.update=true")
        .isEqualTo(generated);
  }
}
