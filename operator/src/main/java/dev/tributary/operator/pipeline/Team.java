package dev.tributary.operator.pipeline;

import dev.tributary.pipeline.validation.ValidationContext;

/**
 * The team that owns a namespace: its slug and the prefix every topic of its pipelines starts with.
 */
public record Team(String slug, String topicPrefix) {

  public ValidationContext validationContext() {
    return new ValidationContext(slug, topicPrefix);
  }
}
