package dev.tributary.examples;

import dev.tributary.localstack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The platform started the way {@code ./tributary up} starts it: the launcher's main class with the
 * local-stack jar and its classpath file, the control plane's fast-jar, the worker jar and the
 * realm of this checkout — on free ports, with a data folder of the test's.
 */
final class PlatformProcess implements AutoCloseable {

  static final String READY_LINE = "Tributary is running";

  final int apiPort;
  final int kafkaPort;
  final int keycloakPort;
  final Path dataDir;
  private final Process process;
  private final Path log;

  private final List<Integer> ports;

  private PlatformProcess(Process process, Path dataDir, List<Integer> ports, Path log) {
    this.process = process;
    this.log = log;
    this.dataDir = dataDir;
    this.ports = ports;
    this.apiPort = ports.get(5);
    this.kafkaPort = ports.get(0);
    this.keycloakPort = ports.get(3);
  }

  static Path root() {
    return Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
  }

  static PlatformProcess start(Path dataDir, Duration timeout, String... options) throws Exception {
    return start(dataDir, freePorts(7), timeout, options);
  }

  /** Starts it again on the ports of an earlier run, as a user does. */
  PlatformProcess restart(Duration timeout, String... options) throws Exception {
    return start(dataDir, ports, timeout, options);
  }

  private static PlatformProcess start(
      Path dataDir, List<Integer> ports, Duration timeout, String... options) throws Exception {
    Path root = root();
    String classpath =
        root.resolve("local-stack/target/local-stack.jar")
            + ":"
            + Files.readString(root.resolve("local-stack/target/runtime.classpath")).strip();
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-Dslf4j.internal.verbosity=ERROR",
            "-cp",
            classpath,
            "dev.tributary.localstack.platform.LocalPlatformMain",
            "--data-dir",
            dataDir.toString(),
            "--kafka-port",
            ports.get(0).toString(),
            "--kafka-controller-port",
            ports.get(1).toString(),
            "--postgres-port",
            ports.get(2).toString(),
            "--keycloak-port",
            ports.get(3).toString(),
            "--keycloak-management-port",
            ports.get(4).toString(),
            "--api-port",
            ports.get(5).toString(),
            "--control-plane-jar",
            root.resolve("control-plane/target/quarkus-app/quarkus-run.jar").toString(),
            "--worker-jar",
            root.resolve("worker-image/target/worker-image.jar").toString(),
            "--realm",
            root.resolve("control-plane/src/main/keycloak/tributary-realm.json").toString()));
    command.addAll(List.of(options));
    // The launcher's output goes to a file, not a pipe: the JDK closes a pipe's stream under a
    // reading thread when the process ends, losing the last lines (the ones saying it stopped).
    Path log = Files.createTempFile(dataDir.getParent(), "platform-", ".out");
    Process process =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    PlatformProcess platform = new PlatformProcess(process, dataDir, ports, log);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (platform.lines().stream().noneMatch(line -> line.startsWith(READY_LINE))) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the platform exited with " + process.exitValue() + ":\n" + platform.output());
      }
      if (System.nanoTime() > deadline) {
        platform.close();
        throw new IllegalStateException(
            "the platform did not start within " + timeout + ":\n" + platform.output());
      }
      Thread.sleep(250);
    }
    System.out.println("[platform] started:\n" + platform.output());
    return platform;
  }

  String api() {
    return "http://127.0.0.1:" + apiPort;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  String tokenEndpoint() {
    return "http://127.0.0.1:" + keycloakPort + "/realms/tributary/protocol/openid-connect/token";
  }

  /** What the launcher printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> lines() {
    return output().lines().toList();
  }

  Process process() {
    return process;
  }

  /** Every process the platform started, directly or not (services, control plane, workers). */
  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  /** Stops the platform as Ctrl-C does and returns its exit code. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy(); // SIGTERM, as ./tributary down sends
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "the platform did not stop within " + timeout + ":\n" + output());
    }
    System.out.println("[platform] stopped:\n" + output());
    return process.exitValue();
  }

  @Override
  public void close() {
    List<ProcessHandle> all = descendants();
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Ports outside the kernel's ephemeral range, where client connections cannot take them. */
  private static List<Integer> freePorts(int count) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(Ports.free(ports.stream().mapToInt(Integer::intValue).toArray()));
    }
    return ports;
  }
}
