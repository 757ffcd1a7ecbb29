package dev.tributary.worker.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker started the way a deploy target starts it: {@code java -jar worker-image.jar} in its own
 * JVM, configured by environment variables. Tests kill it with SIGKILL to simulate a crash.
 */
final class WorkerProcess implements AutoCloseable {

  private static final Pattern HTTP_PORT = Pattern.compile("http port (\\d+)");

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static WorkerProcess start(
      Path pipelineFile,
      String bootstrapServers,
      Path stateDir,
      Path log,
      Map<String, String> extraEnv)
      throws IOException {
    String jar = System.getProperty("tributary.worker.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException(
          "the worker jar is missing ("
              + jar
              + "); run the integration tests through Maven (verify)");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("TRIBUTARY_PIPELINE_FILE", pipelineFile.toString());
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("TRIBUTARY_STATE_DIR", stateDir.toString());
    env.put("TRIBUTARY_HTTP_PORT", "0");
    env.putAll(extraEnv);
    return new WorkerProcess(builder.start(), log);
  }

  /** The port of the worker's endpoints, once it has printed it. */
  int httpPort() {
    Map<String, Integer> found = new HashMap<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              if (!Files.exists(log)) {
                return false;
              }
              Matcher m = HTTP_PORT.matcher(Files.readString(log));
              int port = -1;
              while (m.find()) {
                port = Integer.parseInt(m.group(1));
              }
              found.put("port", port);
              return port > 0;
            });
    return found.get("port");
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no commit, no leaving the group. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the worker commits and leaves its group. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
