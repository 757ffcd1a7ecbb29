package dev.tributary.runtime.metrics;

import java.util.Set;

/** What the lag collector needs to know of a pipeline, and where it puts what it measured. */
public interface MonitoredPipeline {

  /** The consumer group: the pipeline's Kafka Streams application id. */
  String group();

  /** Sources and tables: the topics whose lag is the pipeline's. */
  Set<String> inputTopics();

  /** Sinks: the topics whose growth is the pipeline's output. */
  Set<String> outputTopics();

  PipelineMetrics metrics();
}
