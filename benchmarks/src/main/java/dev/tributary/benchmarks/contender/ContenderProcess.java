package dev.tributary.benchmarks.contender;

import dev.tributary.benchmarks.Guarantee;
import dev.tributary.benchmarks.Scenario;
import dev.tributary.pipeline.spec.ProcessingGuarantee;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.config.StreamsSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Streams contender in a JVM of its own, started with the options the local deploy target gives a
 * worker ({@value #HEAP}, serial collector), so that its heap and collector are its own, as a
 * worker's are in production. In the benchmark's JVM a contender shares a 5 GB heap with the
 * backlog's data, the load generator and the reader of the output, whose young collections (every 2
 * s or so at the rates of the latency runs, up to 87 ms) stop all of them at once, and come more
 * often at a higher rate.
 *
 * <p>The child reads its Kafka settings from its environment as the worker does ({@link
 * StreamsSettings#of}); it prints {@code running <millis>} once Kafka Streams runs, {@code failure
 * <text>} when it crashes or dead-letters, and closes on a line {@code close} or the end of its
 * input.
 */
final class ContenderProcess implements RunningContender {

  static final String HEAP = "-Xmx384m";

  /**
   * What the local deploy target gives a worker JVM ({@code tributary.local.worker-jvm-options}).
   */
  static final List<String> JVM_OPTIONS = List.of(HEAP, "-XX:+UseSerialGC");

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(45);
  private static final String RUNNING = "running ";
  private static final String FAILURE = "failure ";
  private static final String CLOSE = "close";

  private final Process process;
  private final String groupId;
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile long readyAtMillis;
  private final AtomicReference<String> failure = new AtomicReference<>();

  private ContenderProcess(Process process, String groupId) {
    this.process = process;
    this.groupId = groupId;
  }

  /**
   * Starts the contender in a JVM of its own and returns once it runs.
   *
   * @param environment the Kafka settings a worker's container would get ({@link StreamsSettings})
   * @param handTuned whether the hand-written app gets the worker's client tuning too
   * @param log where the child's warnings and errors go
   */
  static ContenderProcess start(
      Contender.Kind kind, Run run, Map<String, String> environment, boolean handTuned, Path log) {
    if (kind == Contender.Kind.RAW) {
      throw new IllegalArgumentException("the raw loop runs in the benchmark's JVM");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Dorg.slf4j.simpleLogger.logFile=System.err");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ContenderProcess.class.getName());
    command.add(kind.name());
    command.add(run.name());
    command.add(run.scenario().name());
    command.add(run.inputTopic());
    command.add(run.guarantee().processingGuarantee().name());
    command.add(Long.toString(run.guarantee().commitInterval().toMillis()));
    command.add(Boolean.toString(handTuned));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(Redirect.appendTo(log.toFile()));
    // Only the settings given here: the benchmark's own KAFKA_* or TRIBUTARY_* variables, if any,
    // would become the child's client settings.
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith(StreamsSettings.OVERRIDE_PREFIX) || name.startsWith("TRIBUTARY_"));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for " + run.applicationId(), e);
    }
    ContenderProcess contender = new ContenderProcess(process, run.applicationId());
    Thread.ofPlatform()
        .daemon()
        .name("contender-output-" + run.name())
        .start(contender::readOutput);
    try {
      boolean ready = contender.started.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!ready || contender.readyAtMillis == 0) {
        String why =
            Optional.ofNullable(contender.failure.get())
                .orElse(
                    ready ? "its JVM ended (see " + log + ")" : "not within " + STARTUP_TIMEOUT);
        contender.close();
        throw new IllegalStateException(run.applicationId() + " did not start: " + why);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      contender.close();
      throw new IllegalStateException("interrupted while starting " + run.applicationId(), e);
    }
    return contender;
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith(RUNNING)) {
          readyAtMillis = Long.parseLong(line.substring(RUNNING.length()).trim());
          started.countDown();
        } else if (line.startsWith(FAILURE)) {
          failure.compareAndSet(null, line.substring(FAILURE.length()));
          started.countDown();
        }
      }
    } catch (IOException e) {
      failure.compareAndSet(null, groupId + ": its output could not be read: " + e.getMessage());
    } finally {
      started.countDown();
    }
  }

  @Override
  public String groupId() {
    return groupId;
  }

  @Override
  public long readyAtMillis() {
    return readyAtMillis;
  }

  @Override
  public Optional<String> failure() {
    String failed = failure.get();
    if (failed != null) {
      return Optional.of(failed);
    }
    if (!process.isAlive() && readyAtMillis > 0) {
      return Optional.of(groupId + ": its JVM ended with exit status " + process.exitValue());
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try (OutputStream in = process.getOutputStream()) {
        in.write((CLOSE + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // it is ending already
      }
    }
    try {
      if (!process.waitFor(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * The child: {@code kind run-name scenario input-topic guarantee commit-interval-ms hand-tuned}.
   */
  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Guarantee guarantee =
        new Guarantee(
            ProcessingGuarantee.valueOf(args[4]), Duration.ofMillis(Long.parseLong(args[5])));
    Run run = new Run(args[1], Scenario.valueOf(args[2]), args[3], guarantee);
    StreamsApp app;
    try {
      app = startInThisJvm(Contender.Kind.valueOf(args[0]), run, Boolean.parseBoolean(args[6]));
    } catch (RuntimeException e) {
      out.println(FAILURE + run.applicationId() + " did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    out.println(RUNNING + app.readyAtMillis());
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              while (true) {
                Optional<String> failed = app.failure();
                if (failed.isPresent()) {
                  out.println(FAILURE + failed.get());
                  return;
                }
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    do {
      line = in.readLine();
    } while (line != null && !line.equals(CLOSE));
    app.close();
    System.exit(0);
  }

  private static StreamsApp startInThisJvm(Contender.Kind kind, Run run, boolean handTuned) {
    ValidatedPipeline pipeline = BenchmarkPipeline.forRun(run);
    return Launcher.startStreams(
        kind, run, pipeline, StreamsSettings.of(pipeline, System.getenv()), handTuned);
  }
}
