package dev.tributary.examples;

import dev.tributary.examples.generator.CardTransactions;
import dev.tributary.examples.generator.Generator;
import dev.tributary.examples.generator.Orders;
import dev.tributary.examples.generator.SensorReadings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

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

  public static Example byName(String name) {
    for (Example example : values()) {
      if (example.pipeline.equals(name)) {
        return example;
      }
    }
    throw new IllegalArgumentException("no example named " + name);
  }
}
