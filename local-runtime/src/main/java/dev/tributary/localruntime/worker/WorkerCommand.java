package dev.tributary.localruntime.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start one worker: {@code java [jvmOptions] -jar worker-image.jar} with the worker's
 * settings in its environment (docs/worker.md), and on JDK 23 or later the option that keeps the
 * JDK's warnings about {@code sun.misc.Unsafe} out of its log ({@link JavaRelease}).
 *
 * @param environment the worker's settings: {@code TRIBUTARY_*} and {@code KAFKA_*}
 */
public record WorkerCommand(
    Path java, List<String> jvmOptions, Path workerJar, Map<String, String> environment) {

  public WorkerCommand {
    jvmOptions = List.copyOf(jvmOptions);
    environment = Map.copyOf(environment);
  }

  ProcessBuilder processBuilder() {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(JavaRelease.of(java).quietOptions());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(workerJar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The worker reads every KAFKA_* variable as a client setting: ones this JVM happened to be
    // started with must not leak into it, only the ones meant for it.
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("KAFKA_") || name.startsWith("TRIBUTARY_"));
    builder.environment().putAll(environment);
    return builder;
  }
}
