package dev.tributary.worker;

import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.pipeline.validation.ValidationError;
import dev.tributary.pipeline.validation.ValidationResult;
import dev.tributary.worker.config.EarlierGenerations;
import dev.tributary.worker.config.StreamsSettings;
import dev.tributary.worker.deadletter.DeadLetterCounter;
import dev.tributary.worker.explain.TopologyExplanation;
import dev.tributary.worker.runtime.Worker;
import dev.tributary.worker.runtime.WorkerSettings;
import dev.tributary.worker.topology.TopologyCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import sun.misc.Signal;

/**
 * The worker process: validates the mounted pipeline, compiles it and runs it until SIGTERM. {@code
 * --explain} prints the compiled topology as JSON and exits without touching Kafka.
 *
 * <p>Exit codes: 0 after a graceful stop, 1 when Kafka Streams stopped on an error, 2 for an
 * invalid pipeline or settings (a restart would not help).
 */
public final class WorkerMain {

  private WorkerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> env = System.getenv();
    WorkerSettings settings;
    String text;
    try {
      settings = WorkerSettings.fromEnvironment(env);
      text = Files.readString(settings.pipelineFile());
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("tributary worker: " + e.getMessage());
      System.exit(2);
      return;
    }
    ValidationResult result = PipelineValidator.validate(text, settings.validationContext());
    if (!result.isValid()) {
      System.err.println(
          "tributary worker: the pipeline in " + settings.pipelineFile() + " is invalid:");
      for (ValidationError error : result.errors()) {
        System.err.println("  " + error);
      }
      System.exit(2);
      return;
    }
    ValidatedPipeline pipeline = result.orThrow().withStateGeneration(settings.stateGeneration());
    DeadLetterCounter deadLetters = new DeadLetterCounter();
    Topology topology = TopologyCompiler.compile(pipeline, deadLetters);
    TopologyExplanation explanation = TopologyExplanation.of(pipeline, topology);
    if (args.length > 0 && args[0].equals("--explain")) {
      System.out.println(PipelineMapper.json().writeValueAsString(explanation));
      return;
    }
    Worker worker =
        new Worker(
            pipeline,
            topology,
            StreamsSettings.of(pipeline, env),
            settings.httpPort(),
            deadLetters::total,
            () -> explanation);
    // SIGTERM and Ctrl-C stop the worker gracefully and end the process with 0, so that a
    // supervisor can tell a requested stop from a crash (a JVM ended by a signal exits with 143).
    for (String signal : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(signal), s -> new Thread(worker::close, "tributary-stop").start());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "tributary-shutdown"));
    System.out.println(
        "tributary worker: pipeline "
            + pipeline.applicationId()
            + ", http port "
            + worker.httpPort());
    String stateDirectory = env.get(StreamsSettings.STATE_DIR);
    if (stateDirectory != null && !stateDirectory.isBlank()) {
      for (Path removed : EarlierGenerations.removeState(Path.of(stateDirectory), pipeline)) {
        System.out.println(
            "tributary worker: removed the state of another generation of the pipeline, "
                + removed);
      }
    }
    worker.start();
    worker.awaitStop();
    System.exit(worker.streamsState() == KafkaStreams.State.ERROR ? 1 : 0);
  }
}
