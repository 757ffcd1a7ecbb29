package dev.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.examples.generator.Generator;
import dev.tributary.examples.generator.Message;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.pipeline.validation.ValidationResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every example is a valid pipeline, and its generator writes exactly the fields it declares. */
class ExamplePipelinesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(Example.class)
  void isAValidPipelineOfItsTeam(Example example) {
    ValidationResult result = PipelineValidator.validate(example.document());

    assertThat(result.errors()).isEmpty();
    ValidatedPipeline pipeline = result.orThrow();
    assertThat(pipeline.name()).isEqualTo(example.pipeline());
    assertThat(result.document().metadata().team()).isEqualTo(example.team());
  }

  @ParameterizedTest
  @EnumSource(Example.class)
  void generatorWritesTheDeclaredFieldsToTheDeclaredTopics(Example example) throws Exception {
    PipelineSpec spec = PipelineValidator.validate(example.document()).orThrow().spec();
    Map<String, Set<String>> fieldsByTopic = new HashMap<>();
    spec.sourcesOrEmpty().forEach(s -> fieldsByTopic.put(s.topic(), s.fields().keySet()));
    spec.tablesOrEmpty().forEach(t -> fieldsByTopic.put(t.topic(), t.fields().keySet()));
    Generator generator = example.generator(42);
    Set<String> topicsSeen = new HashSet<>();

    for (Message row : generator.tableRows(1_000)) {
      assertFields(row, fieldsByTopic);
      topicsSeen.add(row.topic());
    }
    for (int i = 0; i < 2_000; i++) {
      Message event = generator.next(2_000 + i);
      assertFields(event, fieldsByTopic);
      assertThat(event.timestamp()).isLessThanOrEqualTo(2_000 + i);
      topicsSeen.add(event.topic());
    }

    assertThat(topicsSeen).containsExactlyInAnyOrderElementsOf(fieldsByTopic.keySet());
  }

  @ParameterizedTest
  @EnumSource(Example.class)
  void generatorIsDeterministicForASeed(Example example) {
    Generator first = example.generator(7);
    Generator second = example.generator(7);
    for (int i = 0; i < 500; i++) {
      assertThat(first.next(i)).isEqualTo(second.next(i));
    }
  }

  private static void assertFields(Message message, Map<String, Set<String>> fieldsByTopic)
      throws Exception {
    assertThat(fieldsByTopic).containsKey(message.topic());
    JsonNode value = JSON.readTree(message.value());
    Set<String> names = new HashSet<>();
    value.fieldNames().forEachRemaining(names::add);
    assertThat(names).isEqualTo(fieldsByTopic.get(message.topic()));
    assertThat(message.key()).isNotBlank();
  }
}
