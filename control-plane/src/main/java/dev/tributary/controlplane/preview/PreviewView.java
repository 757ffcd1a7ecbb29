package dev.tributary.controlplane.preview;

import dev.tributary.controlplane.deadletter.DeadLetterView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a pipeline would write, run on the latest records of its inputs. Nothing was written. */
@Schema(name = "PipelinePreview")
public record PreviewView(
    @Schema(
            description = "The latest records read from each input topic, at most.",
            example = "100")
        int recordsPerTopic,
    List<Input> inputs,
    @Schema(description = "Each sink with the records it would write, in the order written.")
        List<Sink> sinks,
    @Schema(description = "The records the steps would dead-letter, with why.")
        List<DeadLetter> deadLetters,
    @Schema(
            description =
                "False when Kafka did not return every record asked for within the read timeout;"
                    + " the preview then ran on those that were read.")
        boolean complete) {

  /** An input topic and how many of its records the preview ran on. */
  @Schema(name = "PreviewInput")
  public record Input(
      @Schema(example = "payments.payments") String topic,
      @Schema(
              description = "`table` topics are fed first, then `source` topics by timestamp.",
              enumeration = {"source", "table"})
          String kind,
      @Schema(description = "Records read and fed to the pipeline.") int records,
      @Schema(description = "False when the topic does not exist.") boolean exists) {}

  /** A sink and what it would write to its topic. */
  @Schema(name = "PreviewSink")
  public record Sink(
      @Schema(example = "large") String name,
      @Schema(example = "payments.large-payments") String topic,
      List<Record> records) {}

  /** A record, its value as UTF-8 text. */
  @Schema(name = "PreviewRecord")
  public record Record(
      Instant timestamp,
      @Schema(description = "Absent when the record has no key.") String key,
      @Schema(
              description =
                  "The value as UTF-8 text, cut at "
                      + PipelinePreviewer.VALUE_PREVIEW_BYTES
                      + " bytes; absent for a null value.")
          String value,
      int valueBytes,
      boolean valueTruncated) {}

  /** A record a step would dead-letter. */
  @Schema(name = "PreviewDeadLetter")
  public record DeadLetter(
      @Schema(example = "large") String step,
      String error,
      @Schema(
              description =
                  "Where the record was read from: partition and offset in the input topic; absent"
                      + " for a record of an internal topic.")
          DeadLetterView.Source source,
      Record record) {}
}
