package dev.tributary.worker.runtime;

import dev.tributary.pipeline.validation.ValidationContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a worker process is told to run, from environment variables as a Kubernetes Deployment or
 * the local runtime sets them. Kafka settings are read by {@code StreamsSettings}.
 *
 * <ul>
 *   <li>{@code TRIBUTARY_PIPELINE_FILE}: the pipeline document (YAML or JSON); required
 *   <li>{@code TRIBUTARY_TEAM}: the owning team; its topic prefix is {@code <team>.} unless {@code
 *       TRIBUTARY_TOPIC_PREFIX} says otherwise
 *   <li>{@code TRIBUTARY_STATE_GENERATION}: the generation of the pipeline's state (default 1); a
 *       later one runs under its own application id, {@code <prefix><name>.<generation>}
 *   <li>{@code TRIBUTARY_HTTP_PORT}: health, metrics and state endpoints (default 8080; 0 picks a
 *       free port, which the worker prints)
 * </ul>
 */
public record WorkerSettings(
    Path pipelineFile, String team, String topicPrefix, int stateGeneration, int httpPort) {

  public static WorkerSettings fromEnvironment(Map<String, String> env) {
    String file = env.get("TRIBUTARY_PIPELINE_FILE");
    if (file == null || file.isBlank()) {
      throw new IllegalArgumentException(
          "the environment variable TRIBUTARY_PIPELINE_FILE is required");
    }
    String portText = env.getOrDefault("TRIBUTARY_HTTP_PORT", "8080");
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "TRIBUTARY_HTTP_PORT must be a port number, got '" + portText + "'");
    }
    String generationText = env.getOrDefault("TRIBUTARY_STATE_GENERATION", "1");
    int generation;
    try {
      generation = Integer.parseInt(generationText);
    } catch (NumberFormatException e) {
      generation = 0;
    }
    if (generation < 1) {
      throw new IllegalArgumentException(
          "TRIBUTARY_STATE_GENERATION must be a whole number of 1 or more, got '"
              + generationText
              + "'");
    }
    return new WorkerSettings(
        Path.of(file),
        env.get("TRIBUTARY_TEAM"),
        env.get("TRIBUTARY_TOPIC_PREFIX"),
        generation,
        port);
  }

  /** What the validator needs to check topics against the team's prefix. */
  public ValidationContext validationContext() {
    if (team == null) {
      return ValidationContext.NONE;
    }
    return new ValidationContext(team, topicPrefix == null ? team + "." : topicPrefix);
  }
}
