package dev.tributary.controlplane.deploy;

import dev.tributary.controlplane.problem.ProblemException;

/**
 * The deploy target could not take a change. The catalog's transaction rolls back with it, so the
 * catalog never records a change that the target refused.
 */
public class DeployTargetException extends ProblemException {

  public DeployTargetException(String target, String detail) {
    super(
        503,
        "deploy-target-unavailable",
        "Deploy target unavailable",
        "deploy target '" + target + "' failed: " + detail + "; nothing was changed, retry later");
  }
}
