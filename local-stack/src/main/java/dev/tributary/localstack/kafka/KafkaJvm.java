package dev.tributary.localstack.kafka;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.tributary.localstack.process.JavaLauncher;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Runs one of Kafka's main classes in a JVM of its own, on the broker's classpath. */
record KafkaJvm(String classpath) {

  static final List<String> BROKER_OPTIONS =
      List.of(
          "-Xms128m",
          "-Xmx512m",
          "-XX:+UseG1GC",
          "-XX:MaxGCPauseMillis=20",
          "-Djava.awt.headless=true");
  // Tools run for a second or two: the C1 compiler alone and the serial collector start fastest.
  static final List<String> TOOL_OPTIONS =
      List.of(
          "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true");

  static KafkaJvm locate() {
    return new KafkaJvm(BrokerClasspath.locate());
  }

  Process start(
      BrokerDirectory directory, List<String> jvmOptions, String mainClass, String... arguments) {
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(JavaLauncher.quietOptions());
    List<String> command = new ArrayList<>();
    command.add(JavaLauncher.path().toString());
    command.addAll(options);
    command.addAll(classDataSharing(mainClass, options));
    command.add("-Dlog4j2.configurationFile=" + directory.log4jConfig());
    command.addAll(List.of("-cp", classpath, mainClass));
    command.addAll(List.of(arguments));
    try {
      return new ProcessBuilder(command)
          .directory(directory.root().toFile())
          .redirectErrorStream(true)
          .redirectOutput(Redirect.appendTo(directory.logFile().toFile()))
          .start();
    } catch (IOException e) {
      throw new KafkaBrokerException(
          "Cannot start " + mainClass + " with " + command.getFirst(), e);
    }
  }

  /**
   * Starting Kafka is mostly loading and verifying thousands of classes. An archive of them
   * (application class-data sharing), written when the first JVM exits and mapped by the next ones,
   * makes later starts seconds faster. The JVM checks that the archive matches its classpath and
   * version and rewrites it when not.
   */
  private List<String> classDataSharing(String mainClass, List<String> jvmOptions) {
    String key =
        Integer.toHexString(
            Objects.hash(
                classpath,
                jvmOptions,
                System.getProperty("java.home"),
                Runtime.version().toString(),
                System.getProperty("user.name")));
    Path archive =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "tributary-cds-" + mainClass + "-" + key + ".jsa");
    return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
  }

  /**
   * SIGTERM, so that Kafka shuts down cleanly, then SIGKILL if the process is still running after
   * the grace time.
   */
  static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), MILLISECONDS)) {
        process.destroyForcibly().waitFor(grace.toMillis(), MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
