package dev.tributary.benchmarks.contender;

import dev.tributary.benchmarks.Guarantee;
import dev.tributary.benchmarks.Scenario;

/**
 * One run of a contender: its own name (the application id and consumer group {@code
 * bench.<name>}), the topic it reads and its own, fresh output topic.
 */
public record Run(String name, Scenario scenario, String inputTopic, Guarantee guarantee) {

  public static final String TEAM_PREFIX = "bench.";

  public String applicationId() {
    return TEAM_PREFIX + name;
  }

  public String outputTopic() {
    return TEAM_PREFIX + name + ".out";
  }
}
