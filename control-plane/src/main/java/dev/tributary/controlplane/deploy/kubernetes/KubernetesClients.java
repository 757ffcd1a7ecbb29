package dev.tributary.controlplane.deploy.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one Kubernetes client of the control plane, made on first use (only the target uses it). */
@ApplicationScoped
public class KubernetesClients {

  @Inject KubernetesTargetConfig config;

  private KubernetesClient client;

  public synchronized KubernetesClient client() {
    if (client == null) {
      ConfigBuilder builder = new ConfigBuilder(Config.autoConfigure(null));
      config.masterUrl().ifPresent(builder::withMasterUrl);
      int timeoutMillis = Math.toIntExact(config.requestTimeout().toMillis());
      builder.withRequestTimeout(timeoutMillis).withConnectionTimeout(timeoutMillis);
      // A refused write answers the API's caller at once; retrying is the caller's choice.
      builder.withRequestRetryBackoffLimit(0);
      client = new KubernetesClientBuilder().withConfig(builder.build()).build();
    }
    return client;
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
