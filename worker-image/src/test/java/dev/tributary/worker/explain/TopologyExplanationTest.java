package dev.tributary.worker.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopologyExplanationTest {

  /** The language module's examples of valid pipelines, one per construct and more. */
  private static final Path LANGUAGE_EXAMPLES =
      Path.of("..", "pipeline-api", "src", "test", "resources", "pipelines", "valid");

  @Test
  void explainsTopicsStoresAndSubTopologiesOfCardFraud() throws IOException {
    ValidatedPipeline pipeline = example("card-fraud");

    TopologyExplanation explanation = TopologyExplanation.of(pipeline);

    assertThat(explanation.applicationId()).isEqualTo("payments.card-fraud");
    // Grouping by the key the input already has needs no repartition: one sub-topology.
    assertThat(explanation.subTopologies()).hasSize(1);
    assertThat(explanation.sourceTopics())
        .containsExactly("payments.cards", "payments.transactions");
    assertThat(explanation.sinkTopics())
        .containsExactly("payments.card-fraud.dead-letter", "payments.fraud-alerts");
    assertThat(explanation.stores())
        .extracting(TopologyExplanation.Store::name)
        .containsExactly(
            "cards.store", "deduped.seen", "per-card.store", "per-card.until-closed-store");
    assertThat(explanation.internalTopics())
        .containsExactly(
            "payments.card-fraud-cards.store-changelog",
            "payments.card-fraud-deduped.seen-changelog",
            "payments.card-fraud-per-card.store-changelog",
            "payments.card-fraud-per-card.until-closed-store-changelog");
    assertThat(explanation.subTopologies().get(0).nodes())
        .filteredOn(node -> node.name().equals("transactions.source"))
        .singleElement()
        .satisfies(
            node -> {
              assertThat(node.kind()).isEqualTo("source");
              assertThat(node.topics()).containsExactly("payments.transactions");
              assertThat(node.successors()).containsExactly("transactions.parse");
            });
  }

  @Test
  void repartitionTopicsAreInternalTopicsUnderTheirFullName() throws IOException {
    TopologyExplanation explanation = TopologyExplanation.of(example("machine-health"));

    // Window results are re-keyed by group, so Kafka Streams repartitions them for the join.
    assertThat(explanation.subTopologies()).hasSize(2);
    assertThat(explanation.internalTopics())
        .contains("logistics.machine-health-with-limits.join-repartition");
    assertThat(explanation.sourceTopics())
        .contains("logistics.machine-health-with-limits.join-repartition");
  }

  @Test
  void explanationIsPlainJson() throws IOException {
    TopologyExplanation explanation = TopologyExplanation.of(example("machine-health"));

    JsonNode json = new ObjectMapper().valueToTree(explanation);

    assertThat(json.get("applicationId").asText()).isEqualTo("logistics.machine-health");
    assertThat(json.at("/subTopologies/0/nodes/0/kind").asText()).isEqualTo("source");
    assertThat(json.at("/stores/0/changelogTopic").asText())
        .startsWith("logistics.machine-health-");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languageExamples")
  void everyValidExampleOfTheLanguageCompiles(Path example) throws IOException {
    ValidatedPipeline pipeline = PipelineValidator.validate(Files.readString(example)).orThrow();

    TopologyExplanation explanation = TopologyExplanation.of(pipeline);

    assertThat(explanation.subTopologies()).isNotEmpty();
    assertThat(explanation.sinkTopics()).contains(pipeline.deadLetterTopic());
  }

  static Stream<Path> languageExamples() throws IOException {
    try (Stream<Path> files = Files.list(LANGUAGE_EXAMPLES)) {
      List<Path> examples = files.sorted().toList();
      assertThat(examples).isNotEmpty();
      return examples.stream();
    }
  }

  private static ValidatedPipeline example(String name) throws IOException {
    return PipelineValidator.validate(Files.readString(Examples.pipeline(name))).orThrow();
  }
}
