package dev.tributary.controlplane.deploy.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The {@code kubernetes} deploy target ({@code TRIBUTARY_KUBERNETES_*}, docs/kubernetes.md). */
@ConfigMapping(prefix = "tributary.kubernetes")
public interface KubernetesTargetConfig {

  /**
   * The API server. Absent: fabric8's own discovery — the pod's service account in a cluster, else
   * {@code KUBECONFIG} or {@code ~/.kube/config}.
   */
  Optional<String> masterUrl();

  /** How long one request to the API server may take before a write is refused with 503. */
  @WithDefault("10s")
  Duration requestTimeout();

  /** How long start-up waits for the Pipeline informer's first list. */
  @WithDefault("60s")
  Duration syncTimeout();
}
