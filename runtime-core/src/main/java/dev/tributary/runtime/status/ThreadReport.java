package dev.tributary.runtime.status;

/** One Kafka Streams thread of one replica and its state (RUNNING, PARTITIONS_ASSIGNED, …). */
public record ThreadReport(String name, String state) {}
