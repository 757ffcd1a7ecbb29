package dev.tributary.localstack.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code java} that local services run on — that of the JDK running this code, found from
 * {@code java.home} — and the options every JVM started with it gets. This library is compiled for
 * Java 21, so that JDK is new enough for Kafka 4.4, Keycloak 26 and the control plane; the {@code
 * java} on the PATH may not be.
 */
public final class JavaLauncher {

  private JavaLauncher() {}

  public static Path path() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The options of {@link #quietOptions(int)} for the JDK running this code. */
  public static List<String> quietOptions() {
    return quietOptions(Runtime.version().feature());
  }

  /**
   * JDK 24 and later print warnings into a JVM's output when a library calls the memory-access
   * methods of {@code sun.misc.Unsafe} (JEP 498: protobuf, Kafka's buffer unmapper, Maven's Guice)
   * or loads native code (JEP 472: Kafka's compression codecs, RocksDB). Those libraries are not
   * ours to change, and the warnings tell a user of the platform nothing they can act on: these
   * options allow both. Each is given only to JDKs that know it: JDK 21 refuses to start with
   * {@code --sun-misc-unsafe-memory-access}, which came with JDK 23.
   */
  public static List<String> quietOptions(int featureRelease) {
    List<String> options = new ArrayList<>();
    if (featureRelease >= 23) {
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    if (featureRelease >= 24) {
      options.add("--enable-native-access=ALL-UNNAMED");
    }
    return List.copyOf(options);
  }
}
