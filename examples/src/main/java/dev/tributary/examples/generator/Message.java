package dev.tributary.examples.generator;

/** One record to produce: topic, key, JSON value and the record's timestamp (epoch ms). */
public record Message(String topic, String key, String value, long timestamp) {}
