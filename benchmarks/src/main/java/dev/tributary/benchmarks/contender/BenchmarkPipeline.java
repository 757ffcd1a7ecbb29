package dev.tributary.benchmarks.contender;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.pipeline.validation.ValidationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A scenario's pipeline, as checked in under src/main/resources/pipelines, made the pipeline of one
 * run: the run's name (hence its application id), input and output topics, and processing
 * guarantee. Everything else is the document as written, validated like any user's.
 */
public final class BenchmarkPipeline {

  private BenchmarkPipeline() {}

  public static ValidatedPipeline forRun(Run run) {
    ObjectNode document = document(run.scenario().pipelineResource());
    ((ObjectNode) document.get("metadata")).put("name", run.name());
    ObjectNode spec = (ObjectNode) document.get("spec");
    ((ObjectNode) spec.get("sources").get(0)).put("topic", run.inputTopic());
    ((ObjectNode) spec.get("sinks").get(0)).put("topic", run.outputTopic());
    spec.putObject("runtime")
        .put("processingGuarantee", run.guarantee().processingGuarantee().value())
        .put("commitInterval", run.guarantee().commitInterval().toMillis() + "ms");
    return PipelineValidator.validate(document, ValidationContext.NONE).orThrow();
  }

  private static String text(String resource) {
    try (InputStream in = BenchmarkPipeline.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no pipeline " + resource + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode document(String resource) {
    try {
      return (ObjectNode) PipelineMapper.yaml().readTree(text(resource));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
