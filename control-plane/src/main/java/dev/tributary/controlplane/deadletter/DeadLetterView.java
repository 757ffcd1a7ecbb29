package dev.tributary.controlplane.deadletter;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One record of a pipeline's dead-letter topic: a record a step failed on, and why. */
@Schema(name = "DeadLetter")
public record DeadLetterView(
    @Schema(description = "When the record was dead-lettered (the record's timestamp).")
        Instant timestamp,
    @Schema(description = "Partition of the dead-letter topic.") int partition,
    @Schema(description = "Offset in the dead-letter topic.") long offset,
    @Schema(description = "The failed record's key, as UTF-8 text; absent when it had none.")
        String key,
    @Schema(description = "The step that failed on the record.", example = "parse") String step,
    @Schema(
            description = "Why the step failed.",
            example = "field 'amount' is not a double: \"12,50\"")
        String error,
    @Schema(description = "Where the failed record was read from, when the worker knew it.")
        Source source,
    @Schema(
            description =
                "The failed record's value as UTF-8 text, cut at "
                    + DeadLetterReader.PAYLOAD_PREVIEW_BYTES
                    + " bytes; absent for a null value.")
        String payload,
    @Schema(description = "Size of the whole value in bytes.") int payloadBytes,
    @Schema(description = "Whether `payload` is cut.") boolean payloadTruncated) {

  /** An input or internal topic of the pipeline, and the failed record's position in it. */
  @Schema(name = "DeadLetterSource")
  public record Source(
      @Schema(example = "payments.payments") String topic, Integer partition, Long offset) {}
}
