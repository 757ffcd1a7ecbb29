package dev.tributary.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  private static ValidatedPipeline pipeline(String runtime) {
    return PipelineValidator.validate(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: Pipeline
            metadata: {name: copy, team: payments}
            spec:
              sources:
                - {name: in, topic: payments.in}
              sinks:
                - {name: out, input: in, topic: payments.out}
            """
                + runtime)
        .orThrow();
  }

  @Test
  void defaultsAreExactlyOnceWithKafkaStreamsCommitInterval() {
    Properties properties = StreamsSettings.of(pipeline(""), Map.of());

    assertThat(properties)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "application.id", "payments.copy",
                "bootstrap.servers", "localhost:9092",
                "processing.guarantee", "exactly_once_v2",
                "commit.interval.ms", "100",
                "num.standby.replicas", "0",
                "producer.batch.size", "131072",
                "producer.linger.ms", "5"));
  }

  @Test
  void theWorkersTuningGivesWayToTheEnvironment() {
    Properties properties =
        StreamsSettings.of(
            pipeline(""), Map.of("KAFKA_PRODUCER_BATCH_SIZE", "16384", "KAFKA_LINGER_MS", "50"));

    assertThat(properties)
        .containsEntry("producer.batch.size", "16384")
        .containsEntry("linger.ms", "50")
        .doesNotContainKey("producer.linger.ms");
  }

  @Test
  void runtimeOfThePipelineIsApplied() {
    Properties properties =
        StreamsSettings.of(
            pipeline(
                """
                  runtime:
                    processingGuarantee: at_least_once
                    commitInterval: 5s
                    standbyReplicas: 2
                """),
            Map.of());

    assertThat(properties)
        .containsEntry("processing.guarantee", "at_least_once")
        .containsEntry("commit.interval.ms", "5000")
        .containsEntry("num.standby.replicas", "2");
  }

  @Test
  void atLeastOnceDefaultsToAThirtySecondCommitInterval() {
    Properties properties =
        StreamsSettings.of(pipeline("  runtime: {processingGuarantee: at_least_once}\n"), Map.of());

    assertThat(properties).containsEntry("commit.interval.ms", "30000");
  }

  @Test
  void environmentGivesBrokersStateDirectoryAndOtherProperties() {
    Properties properties =
        StreamsSettings.of(
            pipeline(""),
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093,broker-2:9093",
                "TRIBUTARY_STATE_DIR", "/var/lib/tributary",
                "KAFKA_NUM_STREAM_THREADS", "4",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "HOME", "/root"));

    assertThat(properties)
        .containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
        .containsEntry("state.dir", "/var/lib/tributary")
        .containsEntry("num.stream.threads", "4")
        .containsEntry("security.protocol", "SASL_SSL")
        .doesNotContainKey("home");
  }

  @Test
  void environmentCannotOverrideWhatThePipelineDeclares() {
    Properties properties =
        StreamsSettings.of(
            pipeline(""),
            Map.of(
                "KAFKA_APPLICATION_ID", "someone-else",
                "KAFKA_PROCESSING_GUARANTEE", "at_least_once"));

    assertThat(properties)
        .containsEntry("application.id", "payments.copy")
        .containsEntry("processing.guarantee", "exactly_once_v2");
  }
}
