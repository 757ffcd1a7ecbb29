/**
 * The Kafka Streams application a competent user would write instead of a pipeline: typed records,
 * a Jackson serde and the DSL, computing exactly what the benchmark's pipelines compute. The raw
 * loop reuses its records for the same JSON work.
 */
package dev.tributary.benchmarks.handwritten;
