package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.testing.KubeletStandIn;
import dev.tributary.operator.testing.KubernetesStandIn;
import dev.tributary.operator.testing.Pipelines;
import dev.tributary.operator.testing.TestOperators;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.runtime.testing.TestPipelines;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ReplicaFailure} from the worker pods' container states, with the kubelet stand-in running
 * each pod as the worker jar and reporting its exits, restarts and {@code CrashLoopBackOff} as a
 * kubelet does.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerFailureIT {

  private static final String NAMESPACE = "team-bank";

  @TempDir Path pods;

  @Test
  void aWorkerThatRefusesItsDocumentExitsWith2AndThePipelineReportsReplicaFailure(
      KafkaBroker broker) throws Exception {
    try (KubernetesStandIn kubernetes = KubernetesStandIn.start();
        TributaryOperator operator =
            TributaryOperator.create(
                kubernetes.client(),
                TestOperators.settings(broker.bootstrapServers()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC(),
                false);
        KubeletStandIn kubelet =
            KubeletStandIn.start(
                kubernetes.client(), Path.of(System.getProperty("tributary.worker.jar")), pods)) {
      KubernetesClient client = kubernetes.client();
      kubernetes.namespace(NAMESPACE, Map.of(), Map.of());
      // The pods get another team's topic prefix than the operator validated with: every topic of
      // the document is outside it, and the worker refuses the document.
      kubelet.overrideEnvironment("TRIBUTARY_TOPIC_PREFIX", "elsewhere.");
      operator.start();

      client
          .resource(Pipelines.resource(NAMESPACE, "refused", TestPipelines.totals("refused", 1, 1)))
          .create();

      PipelineStatus failed =
          await()
              .atMost(Duration.ofMinutes(2))
              .until(
                  () -> status(client),
                  s ->
                      s != null
                          && s.conditions().stream()
                              .anyMatch(
                                  c ->
                                      c.type().equals(Condition.REPLICA_FAILURE)
                                          && c.status().equals("True")));
      Condition failure =
          failed.conditions().stream()
              .filter(c -> c.type().equals(Condition.REPLICA_FAILURE))
              .findFirst()
              .orElseThrow();
      assertThat(failure.reason()).isEqualTo("InvalidPipeline");
      assertThat(failure.message()).contains("pod refused-0").contains("exit code 2");
      assertThat(failed.phase()).isEqualTo(PipelinePhase.FAILED);

      Pod pod = client.pods().inNamespace(NAMESPACE).withName("refused-0").get();
      assertThat(
              pod.getStatus()
                  .getContainerStatuses()
                  .get(0)
                  .getLastState()
                  .getTerminated()
                  .getExitCode())
          .isEqualTo(2);
      assertThat(kubelet.logs(NAMESPACE, "refused")).contains("elsewhere.");

      Event warning =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                          .filter(e -> e.getReason().equals("InvalidPipeline"))
                          .findFirst()
                          .orElse(null),
                  e -> e != null);
      assertThat(warning.getType()).isEqualTo("Warning");
      assertThat(warning.getMessage()).startsWith("ReplicaFailure=True: pod refused-0");
    }
  }

  private static PipelineStatus status(KubernetesClient client) {
    PipelineResource resource =
        client.resources(PipelineResource.class).inNamespace(NAMESPACE).withName("refused").get();
    return resource == null ? null : resource.getStatus();
  }
}
