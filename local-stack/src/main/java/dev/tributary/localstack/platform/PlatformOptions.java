package dev.tributary.localstack.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What {@code ./tributary up} starts, and where. Every port is fixed (so that the printed URLs stay
 * the same between runs) and checked before anything starts.
 *
 * @param dataDir the one folder that keeps the platform's data between runs
 * @param singleUser no Keycloak: every request acts as one local administrator
 * @param examplesClasspath when set, the example pipelines and their data generators start once the
 *     control plane is ready
 */
public record PlatformOptions(
    Path dataDir,
    int apiPort,
    int kafkaPort,
    int kafkaControllerPort,
    int postgresPort,
    int keycloakPort,
    int keycloakManagementPort,
    boolean singleUser,
    Path controlPlaneJar,
    Path workerJar,
    Path realmFile,
    String examplesClasspath) {

  static final String USAGE =
      """
      Usage: ./tributary up [options]
        --data-dir DIR          where the platform keeps its data between runs (.tributary)
        --api-port N            the control plane's HTTP port (8080)
        --kafka-port N          the Kafka broker's client port (9092)
        --kafka-controller-port N  the broker's KRaft controller port (9093)
        --postgres-port N       PostgreSQL (5432)
        --keycloak-port N       Keycloak (8180); its management port is N+1000 (9180)
        --single-user           no Keycloak and no sign-in: every request acts as one local
                                platform administrator (for trying Tributary alone on this machine)
        --examples              also start the example pipelines and their data generators
      """;

  /** One command-line option that cannot be used, with the usage to print. */
  public static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** {@code --help}: print the usage and stop. */
  public static final class HelpRequested extends RuntimeException {
    HelpRequested() {
      super("help", null, false, false);
    }
  }

  /** The options from the command line; the jar and realm paths come from the launcher script. */
  public static PlatformOptions parse(List<String> args) {
    Path dataDir = Path.of(".tributary");
    int apiPort = 8080;
    int kafkaPort = 9092;
    int controllerPort = 9093;
    int postgresPort = 5432;
    int keycloakPort = 8180;
    Integer keycloakManagementPort = null;
    boolean singleUser = false;
    Path controlPlaneJar = Path.of("control-plane/target/quarkus-app/quarkus-run.jar");
    Path workerJar = Path.of("worker-image/target/worker-image.jar");
    Path realm = Path.of("control-plane/src/main/keycloak/tributary-realm.json");
    String examples = null;
    Iterator<String> it = args.iterator();
    while (it.hasNext()) {
      String option = it.next();
      switch (option) {
        case "--data-dir" -> dataDir = Path.of(value(option, it));
        case "--api-port" -> apiPort = port(option, it);
        case "--kafka-port" -> kafkaPort = port(option, it);
        case "--kafka-controller-port" -> controllerPort = port(option, it);
        case "--postgres-port" -> postgresPort = port(option, it);
        case "--keycloak-port" -> keycloakPort = port(option, it);
        case "--keycloak-management-port" -> keycloakManagementPort = port(option, it);
        case "--single-user" -> singleUser = true;
        case "--control-plane-jar" -> controlPlaneJar = Path.of(value(option, it));
        case "--worker-jar" -> workerJar = Path.of(value(option, it));
        case "--realm" -> realm = Path.of(value(option, it));
        case "--examples-classpath" -> examples = value(option, it);
        case "--help", "-h" -> throw new HelpRequested();
        default -> throw new UsageException("unknown option " + option);
      }
    }
    PlatformOptions options =
        new PlatformOptions(
            dataDir.toAbsolutePath().normalize(),
            apiPort,
            kafkaPort,
            controllerPort,
            postgresPort,
            keycloakPort,
            keycloakManagementPort != null ? keycloakManagementPort : keycloakPort + 1000,
            singleUser,
            controlPlaneJar.toAbsolutePath().normalize(),
            workerJar.toAbsolutePath().normalize(),
            realm.toAbsolutePath().normalize(),
            examples);
    options.check();
    return options;
  }

  /** The ports in use, each with what it is for, in start order. */
  List<NamedPort> ports() {
    List<NamedPort> ports = new ArrayList<>();
    ports.add(new NamedPort(kafkaPort, "Kafka broker", "--kafka-port"));
    ports.add(new NamedPort(kafkaControllerPort, "Kafka controller", "--kafka-controller-port"));
    ports.add(new NamedPort(postgresPort, "PostgreSQL", "--postgres-port"));
    if (!singleUser) {
      ports.add(new NamedPort(keycloakPort, "Keycloak", "--keycloak-port"));
      ports.add(
          new NamedPort(
              keycloakManagementPort, "Keycloak management", "--keycloak-management-port"));
    }
    ports.add(new NamedPort(apiPort, "control plane API", "--api-port"));
    return ports;
  }

  record NamedPort(int port, String service, String option) {}

  private void check() {
    List<NamedPort> ports = ports();
    for (int i = 0; i < ports.size(); i++) {
      for (int j = i + 1; j < ports.size(); j++) {
        if (ports.get(i).port() == ports.get(j).port()) {
          throw new UsageException(
              "%s and %s would both use port %d; give one of them another port with %s"
                  .formatted(
                      ports.get(i).service(),
                      ports.get(j).service(),
                      ports.get(i).port(),
                      ports.get(j).option()));
        }
      }
    }
    requireFile(controlPlaneJar, "the control plane");
    requireFile(workerJar, "the worker");
    if (!singleUser) {
      requireFile(realmFile, "the Keycloak realm");
    }
  }

  private static void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(
          "%s is missing (%s): build it with ./tributary build".formatted(what, file));
    }
  }

  private static String value(String option, Iterator<String> it) {
    if (!it.hasNext()) {
      throw new UsageException(option + " needs a value");
    }
    return it.next();
  }

  private static int port(String option, Iterator<String> it) {
    String value = value(option, it);
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new UsageException(option + " must be a port between 1 and 65535, not " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a port number, not " + value);
    }
  }
}
