package dev.tributary.localstack.platform;

import dev.tributary.localstack.process.JavaLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * {@code ./tributary up}: starts {@link LocalPlatform}, prints where everything is, and runs until
 * Ctrl-C, SIGTERM ({@code ./tributary down}) or the control plane's death, then stops everything in
 * order. Exit codes: 0 after a requested stop, 1 when a service failed, 2 for bad options.
 *
 * <p>The data folder holds {@code platform.pid} while the platform runs; {@code ./tributary down}
 * signals that process.
 */
public final class LocalPlatformMain {

  static final String PID_FILE = "platform.pid";

  private LocalPlatformMain() {}

  public static void main(String[] args) throws InterruptedException {
    long startedAt = System.currentTimeMillis();
    PrintStream out = System.out;
    PlatformOptions options;
    try {
      options = PlatformOptions.parse(Arrays.asList(args));
    } catch (PlatformOptions.HelpRequested e) {
      out.print(PlatformOptions.USAGE);
      System.exit(0);
      return;
    } catch (PlatformOptions.UsageException e) {
      System.err.println("tributary up: " + e.getMessage());
      System.err.print(PlatformOptions.USAGE);
      System.exit(2);
      return;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("INT"), signal -> stop.countDown());
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());

    Path pidFile = options.dataDir().resolve(PID_FILE);
    Optional<Long> running = runningInstance(pidFile);
    if (running.isPresent()) {
      System.err.printf(
          "tributary up: the platform is already running from %s (pid %d); stop it with"
              + " ./tributary down%n",
          options.dataDir(), running.get());
      System.exit(1);
      return;
    }
    out.printf("Tributary: starting the local platform; data in %s%n", options.dataDir());
    LocalPlatform platform;
    try {
      writePid(pidFile);
      platform = LocalPlatform.start(options, out);
    } catch (RuntimeException e) {
      System.err.println();
      System.err.println("tributary up failed: " + e.getMessage());
      deleteQuietly(pidFile);
      System.exit(1);
      return;
    }
    printSummary(out, platform, startedAt);
    Process examples = null;
    if (options.examplesClasspath() != null) {
      examples = startExamples(platform, startedAt);
    }
    Thread controlPlaneWatch =
        Thread.ofPlatform()
            .daemon()
            .name("control-plane-watch")
            .start(
                () -> {
                  try {
                    int code = platform.awaitControlPlaneExit();
                    System.err.printf(
                        "tributary: the control plane exited with code %d; see %s%n",
                        code, platform.controlPlaneLog());
                    stop.countDown();
                  } catch (InterruptedException e) {
                    // stopping
                  }
                });
    stop.await();
    controlPlaneWatch.interrupt();
    out.println();
    out.println("Tributary: stopping (workers, control plane, Keycloak, PostgreSQL, Kafka) ...");
    long stopBegin = System.nanoTime();
    int exit = 0;
    if (examples != null) {
      examples.destroy();
      examples.waitFor(20, TimeUnit.SECONDS);
      examples.destroyForcibly();
    }
    try {
      platform.close();
    } catch (PlatformException e) {
      System.err.println("tributary: " + e.getMessage());
      exit = 1;
    }
    deleteQuietly(pidFile);
    out.printf(
        "Tributary: stopped (%.1f s); data kept in %s%n",
        (System.nanoTime() - stopBegin) / 1e9, options.dataDir());
    System.exit(exit);
  }

  private static void printSummary(PrintStream out, LocalPlatform platform, long startedAt) {
    String api = platform.apiUrl();
    PlatformOptions options = platform.options();
    out.println();
    out.printf(
        "Tributary is running (started in %.1f s). Stop it with Ctrl-C or ./tributary down.%n",
        (System.currentTimeMillis() - startedAt) / 1000.0);
    out.printf("  API           %s/api/v1%n", api);
    out.printf("  OpenAPI UI    %s/q/swagger-ui%n", api);
    out.printf("  OpenAPI doc   %s/q/openapi%n", api);
    out.printf("  Prometheus    %s/q/metrics%n", api);
    out.printf("  console       %s/console/%n", api);
    out.printf(
        "  Kafka         %s (SASL/SCRAM-SHA-512; every client needs a credential)%n",
        platform.bootstrapServers());
    out.printf(
        "  Kafka admin   %s (kafka-*.sh --command-config; team admins get credentials for their"
            + " applications at /api/v1/teams/{team}/kafka-credentials)%n",
        platform.kafkaAdminProperties());
    if (options.singleUser()) {
      out.println(
          "  SINGLE-USER MODE: no sign-in; every request acts as the local platform administrator.");
      out.println("                Do not expose this port to anyone else.");
    } else {
      out.printf("  Keycloak      %s (admin console: admin / admin)%n", platform.keycloakUrl());
      out.println(
          "  demo users    password `demo`: platform-admin, platform-viewer, payments-admin,"
              + " payments-developer, payments-viewer, logistics-admin, logistics-developer,"
              + " logistics-viewer, outsider");
      out.println(
          "  a token       curl -s -d grant_type=password -d client_id=tributary-console \\");
      out.println("                  -d username=payments-admin -d password=demo \\");
      out.printf("                  %s | jq -r .access_token%n", platform.tokenEndpoint());
    }
    out.printf("  logs          %s%n", options.dataDir().resolve("logs"));
    out.printf("  data          %s%n", options.dataDir());
    out.println();
  }

  private static Process startExamples(LocalPlatform platform, long startedAt) {
    List<String> command = new ArrayList<>();
    command.add(JavaLauncher.path().toString());
    // Its output is the terminal's: the quiet options matter most here.
    command.addAll(JavaLauncher.quietOptions());
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-Dslf4j.internal.verbosity=ERROR",
            "-cp",
            platform.options().examplesClasspath(),
            "dev.tributary.examples.ExamplesMain",
            "--api",
            platform.apiUrl(),
            "--bootstrap-servers",
            platform.bootstrapServers(),
            "--client-properties",
            platform.kafkaAdminProperties().toString(),
            "--started-at",
            Long.toString(startedAt)));
    if (platform.tokenEndpoint() != null) {
      command.addAll(List.of("--token-endpoint", platform.tokenEndpoint()));
    }
    try {
      return new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      System.err.println("tributary: cannot start the examples: " + e.getMessage());
      return null;
    }
  }

  /** The pid in the data folder's pid file, if that process is alive. */
  static Optional<Long> runningInstance(Path pidFile) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    } catch (IOException | NumberFormatException stale) {
      return Optional.empty();
    }
  }

  private static void writePid(Path pidFile) {
    try {
      Files.createDirectories(pidFile.getParent());
      Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    } catch (IOException e) {
      throw new PlatformException("Cannot write " + pidFile, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stale pid file names a dead process: the next start ignores it
    }
  }
}
