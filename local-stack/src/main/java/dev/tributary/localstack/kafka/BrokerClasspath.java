package dev.tributary.localstack.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The Kafka 4.4 broker's classpath: absolute paths of jars in the local Maven repository, written
 * at build time by {@code src/broker-classpath/pom.xml} into {@value #RESOURCE} inside the
 * local-stack jar. The system property {@value #PROPERTY} may point at another file of the same
 * form (entries separated by the platform's path separator).
 */
final class BrokerClasspath {

  static final String PROPERTY = "tributary.kafka.classpath";
  static final String RESOURCE = "kafka-broker.classpath";

  private static final String REBUILD_HINT =
      "It is written by local-stack's build: run `./mvnw -pl local-stack -am clean install`.";

  private BrokerClasspath() {}

  /** The classpath to run the broker with, as a {@code -cp} argument. */
  static String locate() {
    String file = System.getProperty(PROPERTY);
    if (file != null) {
      return read(Path.of(file));
    }
    URL resource = BrokerClasspath.class.getResource(RESOURCE);
    if (resource == null) {
      String name = BrokerClasspath.class.getPackageName().replace('.', '/') + "/" + RESOURCE;
      throw new KafkaBrokerException(
          ("The Kafka broker classpath %s is not on the classpath and the system property %s is"
                  + " not set. %s")
              .formatted(name, PROPERTY, REBUILD_HINT));
    }
    try (InputStream in = resource.openStream()) {
      return validate(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new KafkaBrokerException(
          "The Kafka broker classpath file %s (system property %s) does not exist. %s"
              .formatted(file.toAbsolutePath(), PROPERTY, REBUILD_HINT));
    }
    try {
      return validate(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static String validate(String classpath, String source) {
    List<String> entries =
        Arrays.stream(classpath.strip().split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .toList();
    if (entries.isEmpty()) {
      throw new KafkaBrokerException(
          "The Kafka broker classpath " + source + " is empty. " + REBUILD_HINT);
    }
    for (String entry : entries) {
      if (!Files.exists(Path.of(entry))) {
        throw new KafkaBrokerException(
            ("The Kafka broker classpath %s lists %s, which does not exist (was the local Maven"
                    + " repository cleaned or moved?). %s")
                .formatted(source, entry, REBUILD_HINT));
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
