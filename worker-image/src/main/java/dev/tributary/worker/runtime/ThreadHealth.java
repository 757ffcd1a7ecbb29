package dev.tributary.worker.runtime;

import java.util.List;

/** One Kafka Streams thread and the tasks it runs. */
public record ThreadHealth(
    String name, String state, List<String> activeTasks, List<String> standbyTasks) {}
