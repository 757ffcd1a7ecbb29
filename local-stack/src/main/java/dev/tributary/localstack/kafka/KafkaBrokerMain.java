package dev.tributary.localstack.kafka;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Runs a Kafka broker until this JVM is stopped (Ctrl-C or SIGTERM also stop the broker): {@code
 * KafkaBrokerMain [--port 9092] [--controller-port 9093] [--data-dir .tributary/kafka]}. The data
 * directory is kept, so topics survive a restart.
 */
public final class KafkaBrokerMain {

  private static final String USAGE =
      "Usage: KafkaBrokerMain [--port 9092] [--controller-port 9093] [--data-dir .tributary/kafka]";

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    KafkaBroker.Builder builder =
        KafkaBroker.builder()
            .port(9092)
            .controllerPort(9093)
            .dataDir(Path.of(".tributary", "kafka"));
    Iterator<String> arguments = Arrays.asList(args).iterator();
    while (arguments.hasNext()) {
      String option = arguments.next();
      if (!arguments.hasNext()) {
        exitWithUsage("Missing value for " + option);
      }
      String value = arguments.next();
      switch (option) {
        case "--port" -> builder.port(parsePort(value));
        case "--controller-port" -> builder.controllerPort(parsePort(value));
        case "--data-dir" -> builder.dataDir(Path.of(value));
        default -> exitWithUsage("Unknown option " + option);
      }
    }
    KafkaBroker broker;
    try {
      broker = builder.start();
    } catch (KafkaBrokerException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    Path log = broker.logFile().toAbsolutePath();
    System.out.printf(
        "Kafka broker ready at %s (pid %d, log %s)%n",
        broker.bootstrapServers(), broker.pid(), log);
    int exitCode = broker.awaitExit();
    System.err.printf("Kafka broker stopped with exit code %d (log %s)%n", exitCode, log);
    System.exit(exitCode);
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      exitWithUsage("Not a port number: " + value);
      return 0;
    }
  }

  private static void exitWithUsage(String problem) {
    System.err.println(problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}
