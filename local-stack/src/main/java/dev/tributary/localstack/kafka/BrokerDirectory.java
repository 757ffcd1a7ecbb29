package dev.tributary.localstack.kafka;

import dev.tributary.localstack.process.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** The files of one broker inside its data directory. */
record BrokerDirectory(Path root) {

  private static final String LOG4J_CONFIG =
      """
      appender.stdout.type = Console
      appender.stdout.name = STDOUT
      appender.stdout.layout.type = PatternLayout
      appender.stdout.layout.pattern = [%d] %p %m (%c)%n
      rootLogger.level = INFO
      rootLogger.appenderRef.stdout.ref = STDOUT
      logger.request.name = kafka.request.logger
      logger.request.level = WARN
      """;

  Path serverProperties() {
    return root.resolve("server.properties");
  }

  /** The admin identity of a secured broker, readable by its owner only. */
  Path adminProperties() {
    return root.resolve("admin.properties");
  }

  Path log4jConfig() {
    return root.resolve("log4j2.properties");
  }

  /** Everything the broker and the storage tool print; log4j writes to standard output. */
  Path logFile() {
    return root.resolve("server.log");
  }

  Path logDirs() {
    return root.resolve("kraft-combined-logs");
  }

  /** Whether the storage tool has formatted the log directory (it writes meta.properties). */
  boolean isFormatted() {
    return Files.exists(logDirs().resolve("meta.properties"));
  }

  void writeConfig(Map<String, String> serverProperties) {
    String properties =
        serverProperties.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining("\n", "", "\n"));
    try {
      Files.createDirectories(root);
      Files.writeString(serverProperties(), properties);
      Files.writeString(log4jConfig(), LOG4J_CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the broker configuration into " + root, e);
    }
  }

  String logTail(int lines) {
    return LogFiles.tail(logFile(), lines);
  }

  void delete() {
    LogFiles.deleteTree(root);
  }
}
