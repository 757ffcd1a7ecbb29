package dev.tributary.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's Kubernetes mock server in CRUD mode with the {@code Pipeline} CRD installed, and the
 * parts of a cluster it does not play, played by the tests: a workload's controller reporting its
 * pods (docs/kubernetes.md lists what the mock server does and does not do).
 */
public final class KubernetesStandIn implements AutoCloseable {

  private static final String CRD = "META-INF/fabric8/pipelines.tributary.dev-v1.yml";

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private KubernetesStandIn(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  public static KubernetesStandIn start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    // The mock server has no authorization: it answers the operator's question "may I use
    // leases?" (before leader election starts) as RBAC would for the operator's Role.
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("create", "update", "get")
                .endResourceRule()
                .withIncomplete(false)
                .endStatus()
                .build())
        .always();
    KubernetesClient client = server.createClient();
    try (InputStream crd = KubernetesStandIn.class.getClassLoader().getResourceAsStream(CRD)) {
      // The generated CRD, as the Helm chart installs it: with it, the mock server keeps the
      // status subresource apart from the spec.
      client
          .resource(
              client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
          .create();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new KubernetesStandIn(server, client);
  }

  public KubernetesClient client() {
    return client;
  }

  /** Another client of the same server, its HTTP client shaped by {@code http} (interceptors). */
  public KubernetesClient newClient(
      java.util.function.Consumer<io.fabric8.kubernetes.client.http.HttpClient.Builder> http) {
    return new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(client.getConfiguration())
        .withHttpClientBuilderConsumer(http)
        .build();
  }

  /** A namespace with the given labels and annotations. */
  public void namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .build())
        .create();
  }

  /** Forgets the requests made so far. */
  public void forgetRequests() throws InterruptedException {
    while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
      // drained
    }
  }

  /** The requests since {@link #forgetRequests} that changed something: every one but reads. */
  public List<String> writes() throws InterruptedException {
    List<String> writes = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      if (!request.getMethod().equals("GET")) {
        writes.add(request.getMethod() + " " + request.getPath());
      }
    }
    return writes;
  }

  /**
   * Plays the workload's controller and kubelet: every wanted pod exists, runs the current template
   * and is ready.
   */
  public void rolledOut(HasMetadata workload) {
    if (workload instanceof StatefulSet statefulSet) {
      int replicas = statefulSet.getSpec().getReplicas();
      String revision =
          statefulSet.getMetadata().getName() + "-" + statefulSet.getMetadata().getGeneration();
      statefulSet.setStatus(
          new StatefulSetStatusBuilder()
              .withObservedGeneration(statefulSet.getMetadata().getGeneration())
              .withReplicas(replicas)
              .withReadyReplicas(replicas)
              .withUpdatedReplicas(replicas)
              .withCurrentReplicas(replicas)
              .withCurrentRevision(revision)
              .withUpdateRevision(revision)
              .build());
      client.resource(statefulSet).updateStatus();
    } else if (workload instanceof Deployment deployment) {
      int replicas = deployment.getSpec().getReplicas();
      deployment.setStatus(
          new DeploymentStatusBuilder()
              .withObservedGeneration(deployment.getMetadata().getGeneration())
              .withReplicas(replicas)
              .withReadyReplicas(replicas)
              .withUpdatedReplicas(replicas)
              .withAvailableReplicas(replicas)
              .build());
      client.resource(deployment).updateStatus();
    } else {
      throw new IllegalArgumentException("not a workload: " + workload.getKind());
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
