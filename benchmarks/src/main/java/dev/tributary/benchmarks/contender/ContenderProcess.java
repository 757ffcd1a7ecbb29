package dev.tributary.benchmarks.contender;

import dev.tributary.benchmarks.Guarantee;
import dev.tributary.benchmarks.Scenario;
import dev.tributary.pipeline.spec.ProcessingGuarantee;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.config.StreamsSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JVM of its own in which one kind of Streams contender runs, one run after another, by default
 * with the options the local deploy target gives a worker (a 384 MB heap, the serial collector), so
 * that its heap and collector are its own, as a worker's are in production. In the benchmark's JVM
 * a contender shares a 5 GB heap with the backlog's data, the load generator and the reader of the
 * output, whose young collections (every 2 s or so at the rates of the latency runs, up to 87 ms)
 * stop all of them at once, and come more often at a higher rate.
 *
 * <p>The JVM outlives its runs, as a worker's JVM outlives the load it meets: a JVM started for
 * each run was still compiling in its first 10–20 s on the shared cores, so that a latency run
 * measured its start-up rather than its tail. The benchmark warms it with a run over the backlog
 * before the first measured one.
 *
 * <p>The protocol on the child's standard input: {@code start <kind> <run-name> <scenario>
 * <input-topic> <guarantee> <commit-interval-ms> <hand-tuned> [NAME=value…]} (names and values
 * URL-encoded: the environment a worker's container would get, read as the worker reads it, {@link
 * StreamsSettings#of}), then {@code close}. On its standard output: {@code running <millis>} once
 * Kafka Streams runs, {@code failure <text>} when the run did not start, crashed or dead-lettered,
 * and {@code closed} once the run's Streams app has closed. The child ends at the end of its input.
 */
final class ContenderProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(45);
  private static final String START = "start";
  private static final String CLOSE = "close";
  private static final String RUNNING = "running ";
  private static final String FAILURE = "failure ";
  private static final String CLOSED = "closed";

  private final Contender.Kind kind;
  private final Process process;
  private final Writer commands;
  private final Path log;

  /** The run the child's output is about: one at a time. */
  private final AtomicReference<Started> current = new AtomicReference<>();

  private ContenderProcess(Contender.Kind kind, Process process, Path log) {
    this.kind = kind;
    this.process = process;
    this.log = log;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /**
   * Starts a JVM for contenders of the given kind.
   *
   * @param jvmOptions the child JVM's options
   * @param log where the child's warnings and errors go
   */
  static ContenderProcess start(Contender.Kind kind, List<String> jvmOptions, Path log) {
    if (kind == Contender.Kind.RAW) {
      throw new IllegalArgumentException("the raw loop runs in the benchmark's JVM");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Dorg.slf4j.simpleLogger.logFile=System.err");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ContenderProcess.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(Redirect.appendTo(log.toFile()));
    // Only the settings each run gives: the benchmark's own KAFKA_* or TRIBUTARY_* variables, if
    // any, would become the child's client settings.
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith(StreamsSettings.OVERRIDE_PREFIX) || name.startsWith("TRIBUTARY_"));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for the " + kind.shortName() + " runs", e);
    }
    ContenderProcess jvm = new ContenderProcess(kind, process, log);
    Thread.ofPlatform().daemon().name("contender-jvm-" + kind.shortName()).start(jvm::readOutput);
    return jvm;
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Starts a run in this JVM and returns once it runs.
   *
   * @param environment the Kafka settings a worker's container would get ({@link StreamsSettings})
   * @param handTuned whether the hand-written app gets the worker's client tuning too
   */
  RunningContender run(Run run, Map<String, String> environment, boolean handTuned) {
    Started started = new Started(run.applicationId());
    if (!current.compareAndSet(null, started)) {
      throw new IllegalStateException(
          "the " + kind.shortName() + " JVM still runs " + current.get().groupId);
    }
    StringBuilder line = new StringBuilder(START);
    for (String arg :
        List.of(
            kind.name(),
            run.name(),
            run.scenario().name(),
            run.inputTopic(),
            run.guarantee().processingGuarantee().name(),
            Long.toString(run.guarantee().commitInterval().toMillis()),
            Boolean.toString(handTuned))) {
      line.append(' ').append(arg);
    }
    environment.forEach(
        (name, value) -> line.append(' ').append(encode(name)).append('=').append(encode(value)));
    try {
      send(line.toString());
      if (!started.running.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          || started.readyAtMillis == 0) {
        String why =
            Optional.ofNullable(started.failure.get())
                .orElse(
                    process.isAlive()
                        ? "not within " + STARTUP_TIMEOUT
                        : "its JVM ended (see " + log + ")");
        started.close();
        throw new IllegalStateException(run.applicationId() + " did not start: " + why);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.close();
      throw new IllegalStateException("interrupted while starting " + run.applicationId(), e);
    }
    return started;
  }

  private void send(String line) {
    try {
      commands.write(line + "\n");
      commands.flush();
    } catch (IOException e) {
      // the JVM ended: the reader reports it
    }
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        Started run = current.get();
        if (run == null) {
          continue;
        }
        if (line.startsWith(RUNNING)) {
          run.readyAtMillis = Long.parseLong(line.substring(RUNNING.length()).trim());
          run.running.countDown();
        } else if (line.startsWith(FAILURE)) {
          run.failure.compareAndSet(null, line.substring(FAILURE.length()));
          run.running.countDown();
        } else if (line.equals(CLOSED)) {
          run.closed.countDown();
        }
      }
    } catch (IOException e) {
      Started run = current.get();
      if (run != null) {
        run.failure.compareAndSet(null, "the JVM's output could not be read: " + e.getMessage());
      }
    } finally {
      Started run = current.get();
      if (run != null) {
        run.running.countDown();
        run.closed.countDown();
      }
    }
  }

  /** Ends the JVM: its input ends, it closes what still runs and exits. */
  @Override
  public void close() {
    try {
      commands.close();
    } catch (IOException e) {
      // it is ending already
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

  /** A run in the JVM, from its start to its close. */
  private final class Started implements RunningContender {

    private final String groupId;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile long readyAtMillis;

    private Started(String groupId) {
      this.groupId = groupId;
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
      if (!process.isAlive()) {
        return Optional.of(groupId + ": its JVM ended with exit status " + process.exitValue());
      }
      return Optional.empty();
    }

    @Override
    public void close() {
      send(CLOSE);
      try {
        if (process.isAlive() && !closed.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          // A JVM that does not close a run within the timeout is ended: the next run gets a new
          // one.
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      } finally {
        current.compareAndSet(this, null);
      }
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** The child: runs one contender at a time, as its standard input tells it. */
  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    AtomicReference<StreamsApp> current = new AtomicReference<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith(START + " ")) {
        String[] words = line.split(" ");
        String name = words.length > 2 ? words[2] : "?";
        try {
          StreamsApp app = startInThisJvm(words);
          current.set(app);
          out.println(RUNNING + app.readyAtMillis());
          watch(app, current, out);
        } catch (RuntimeException e) {
          out.println(FAILURE + Run.TEAM_PREFIX + name + " did not start: " + e.getMessage());
        }
      } else if (line.equals(CLOSE)) {
        StreamsApp app = current.getAndSet(null);
        if (app != null) {
          app.close();
        }
        out.println(CLOSED);
      }
    }
    StreamsApp app = current.getAndSet(null);
    if (app != null) {
      app.close();
    }
    System.exit(0);
  }

  /** Reports the app's failure while it is the current one. */
  private static void watch(StreamsApp app, AtomicReference<StreamsApp> current, PrintStream out) {
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              while (current.get() == app) {
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
  }

  /**
   * {@code start kind run-name scenario input-topic guarantee commit-interval-ms hand-tuned env…}
   */
  private static StreamsApp startInThisJvm(String[] words) {
    Contender.Kind kind = Contender.Kind.valueOf(words[1]);
    Guarantee guarantee =
        new Guarantee(
            ProcessingGuarantee.valueOf(words[5]), Duration.ofMillis(Long.parseLong(words[6])));
    Run run = new Run(words[2], Scenario.valueOf(words[3]), words[4], guarantee);
    boolean handTuned = Boolean.parseBoolean(words[7]);
    Map<String, String> environment = new HashMap<>(System.getenv());
    for (int i = 8; i < words.length; i++) {
      int equals = words[i].indexOf('=');
      environment.put(
          decode(words[i].substring(0, equals)), decode(words[i].substring(equals + 1)));
    }
    ValidatedPipeline pipeline = BenchmarkPipeline.forRun(run);
    return Launcher.startStreams(
        kind, run, pipeline, StreamsSettings.of(pipeline, environment), handTuned);
  }
}
