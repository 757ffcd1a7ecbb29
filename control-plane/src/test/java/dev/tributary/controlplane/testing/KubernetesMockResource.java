package dev.tributary.controlplane.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * fabric8's Kubernetes mock server in CRUD mode with the generated {@code Pipeline} CRD installed,
 * as the API server of the {@code kubernetes} deploy target (docs/kubernetes.md lists what it does
 * and does not do).
 */
public class KubernetesMockResource implements QuarkusTestResourceLifecycleManager {

  static final String CRD = "META-INF/fabric8/pipelines.tributary.dev-v1.yml";

  private KubernetesMockServer server;

  @Override
  public Map<String, String> start() {
    server =
        new KubernetesMockServer(
            new io.fabric8.mockwebserver.Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    try (KubernetesClient client = server.createClient();
        InputStream crd = getClass().getClassLoader().getResourceAsStream(CRD)) {
      client
          .resource(
              client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
          .create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("tributary.kubernetes.master-url", server.url("/"));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.destroy();
    }
  }
}
