package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void onlyTheBootstrapServersAreRequiredAndEverythingElseHasADefault() {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(Map.of("TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

    assertThat(settings.worker().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(settings.worker().image()).isEqualTo("tributary/worker:0.1.0");
    assertThat(settings.replicationFactor()).as("the brokers' default").isEqualTo((short) -1);
    assertThat(settings.topicRecheck()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.leaseNamespace()).isEqualTo("tributary-system");
    assertThat(settings.namespaces()).isEmpty();
  }

  @Test
  void workerKafkaSettingsArePassedOnAsTheWorkersKafkaVariables() {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                "TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "TRIBUTARY_WORKER_KAFKA_SECURITY_PROTOCOL", "SSL",
                "TRIBUTARY_LEADER_ELECTION", "false",
                "TRIBUTARY_WATCH_NAMESPACES", "team-a, team-b"));

    assertThat(settings.worker().environment())
        .containsExactly(Map.entry("KAFKA_SECURITY_PROTOCOL", "SSL"));
    assertThat(settings.leaseNamespace()).isNull();
    assertThat(settings.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
  }

  @Test
  void aMissingBootstrapOrAMalformedNumberIsRefusedWithItsName() {
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of()))
        .hasMessageContaining("TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(
            () ->
                OperatorSettings.fromEnvironment(
                    Map.of(
                        "TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "TRIBUTARY_DEFAULT_PARTITIONS", "three")))
        .hasMessageContaining("TRIBUTARY_DEFAULT_PARTITIONS");
  }
}
