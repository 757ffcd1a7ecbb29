package dev.tributary.examples;

import dev.tributary.examples.generator.CardTransactions;
import dev.tributary.examples.generator.Generator;
import dev.tributary.examples.generator.Orders;
import dev.tributary.examples.generator.SensorReadings;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.validation.PipelineValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/** The example pipelines, each with its team, its document and its data generator. */
public enum Example {
  CARD_FRAUD("card-fraud", "payments", seed -> new CardTransactions(seed, 200)),
  ORDERS_ETL("orders-etl", "logistics", seed -> new Orders(seed, 400)),
  MACHINE_HEALTH("machine-health", "logistics", seed -> new SensorReadings(seed, 20));

  private final String pipeline;
  private final String team;
  private final LongFunction<Generator> generator;

  Example(String pipeline, String team, LongFunction<Generator> generator) {
    this.pipeline = pipeline;
    this.team = team;
    this.generator = generator;
  }

  public String pipeline() {
    return pipeline;
  }

  public String team() {
    return team;
  }

  public Generator generator(long seed) {
    return generator.apply(seed);
  }

  /** The pipeline document, {@code examples/<name>/pipeline.yaml}. */
  public String document() {
    String resource = pipeline + "/pipeline.yaml";
    try (InputStream in = Example.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The example " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The topics the pipeline reads: its sources' and tables', as its document declares them. */
  public List<String> inputTopics() {
    PipelineSpec spec = PipelineValidator.validate(document()).orThrow().spec();
    return Stream.concat(
            spec.sourcesOrEmpty().stream().map(SourceSpec::topic),
            spec.tablesOrEmpty().stream().map(TableSpec::topic))
        .toList();
  }

  public static Example byName(String name) {
    for (Example example : values()) {
      if (example.pipeline.equals(name)) {
        return example;
      }
    }
    throw new IllegalArgumentException("no example named " + name);
  }
}
