package dev.tributary.runtime.topic;

/** Some topics of a pipeline could not be made as planned; nothing was destroyed. */
public class TopicProvisioningException extends RuntimeException {

  private final transient TopicProvisioning provisioning;

  public TopicProvisioningException(String pipeline, TopicProvisioning provisioning) {
    super("the topics of " + pipeline + " are not as planned: " + provisioning.failures());
    this.provisioning = provisioning;
  }

  public TopicProvisioning provisioning() {
    return provisioning;
  }
}
