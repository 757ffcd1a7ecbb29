package dev.tributary.controlplane.deadletter;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The latest records of a pipeline's dead-letter topic, newest first. */
@Schema(name = "DeadLetters")
public record DeadLetterList(
    @Schema(example = "payments.large-payments.dead-letter") String topic,
    List<DeadLetterView> records,
    @Schema(
            description =
                "False when Kafka did not return every record asked for within the read timeout;"
                    + " `records` then holds those that were read.")
        boolean complete) {}
