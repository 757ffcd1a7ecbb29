package dev.tributary.localruntime.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The feature release (21, 25) of the JDK a {@code java} launcher belongs to, read from the {@code
 * release} file that every JDK and jlink image keeps beside {@code bin/}; empty when there is none.
 */
record JavaRelease(OptionalInt feature) {

  static JavaRelease of(Path java) {
    try {
      Path release = java.toRealPath().getParent().getParent().resolve("release");
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(release)) {
        properties.load(in);
      }
      // JAVA_VERSION="25.0.3", or "21" for a first release
      String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
      return new JavaRelease(OptionalInt.of(Integer.parseInt(version.split("[.+-]")[0])));
    } catch (IOException | RuntimeException unknown) {
      return new JavaRelease(OptionalInt.empty());
    }
  }

  /**
   * JDK 24 and later print warnings into a JVM's output — here the worker's log — when a library
   * calls the memory-access methods of {@code sun.misc.Unsafe} (JEP 498: protobuf, Kafka's buffer
   * unmapper). The worker jar's manifest already enables native access (RocksDB, JEP 472). The
   * option that allows Unsafe came with JDK 23, and older JDKs refuse to start with it: a JDK of
   * unknown release gets none.
   */
  List<String> quietOptions() {
    List<String> options = new ArrayList<>();
    if (feature.orElse(0) >= 23) {
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return List.copyOf(options);
  }
}
