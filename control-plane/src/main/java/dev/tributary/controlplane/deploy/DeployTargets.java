package dev.tributary.controlplane.deploy;

import dev.tributary.controlplane.deploy.kubernetes.KubernetesDeployTarget;
import dev.tributary.controlplane.deploy.local.LocalDeployTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The {@link DeployTarget} that {@code tributary.deploy.target} names. */
@ApplicationScoped
public class DeployTargets {

  @Produces
  @ApplicationScoped
  DeployTarget deployTarget(
      DeployTargetConfig config,
      Instance<NoDeployTarget> none,
      Instance<LocalDeployTarget> local,
      Instance<KubernetesDeployTarget> kubernetes) {
    return switch (config.target()) {
      case NONE -> none.get();
      case LOCAL -> local.get();
      case KUBERNETES -> kubernetes.get();
    };
  }
}
