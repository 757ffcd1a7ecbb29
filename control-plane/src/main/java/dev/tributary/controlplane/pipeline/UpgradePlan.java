package dev.tributary.controlplane.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.controlplane.revision.JsonPatchOperation;
import dev.tributary.runtime.upgrade.OffsetHandOver;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an update of a pipeline will do, computed before anything is written: the change, how the
 * workers are replaced, and for every table and stateful step whether its state is kept and why.
 */
@Schema(name = "UpgradePlan")
public record UpgradePlan(
    @Schema(description = "The pipeline's name.") String pipeline,
    @Schema(description = "The revision in force; absent when the pipeline does not exist yet.")
        Integer fromRevision,
    @Schema(
            description =
                "create (a new pipeline), unchanged (the document in force), or what the change"
                    + " does to the state.",
            enumeration = {
              "create",
              "unchanged",
              "stateless-only",
              "state-compatible",
              "state-incompatible"
            })
        String classification,
    @Schema(
            description =
                "The upgrade mode the update asks for (spec.upgrade.mode), or keep-state when it"
                    + " names none.",
            enumeration = {"keep-state", "reset-state"})
        String mode,
    @Schema(description = "Whether the update would be applied; when false, refusal says why.")
        boolean allowed,
    @Schema(description = "Why the update would be refused; absent when it is allowed.")
        String refusal,
    @Schema(
            description =
                "How running workers are replaced: rolling (one at a time), recreate (all old"
                    + " ones stop before the new ones start), or none.",
            enumeration = {"rolling", "recreate", "none"})
        String rollout,
    @Schema(description = "The Kafka Streams application id and consumer group in force.")
        String applicationIdBefore,
    @Schema(
            description =
                "The application id the update runs under: <topic prefix><name> in the first"
                    + " generation of the pipeline's state, <topic prefix><name>.<n> after;"
                    + " reset-state starts a new generation. Absent when the update is refused.")
        String applicationIdAfter,
    @Schema(
            description =
                "For an allowed reset-state update: where the new consumer group would start"
                    + " reading each partition of the stream sources if the update were applied"
                    + " now (empty on a deploy target that does not hand offsets over). Absent"
                    + " otherwise: the group in force carries on from its own offsets.")
        List<StartingOffset> startingOffsets,
    @Schema(description = "Every table and stateful step of either version.") List<StatePlan> state,
    @Schema(
            type = SchemaType.ARRAY,
            implementation = JsonPatchOperation.class,
            description = "RFC 6902 JSON Patch from the document in force to the one sent.")
        JsonNode diff) {

  /** The same plan with the starting offsets of its new consumer group. */
  UpgradePlan withStartingOffsets(List<StartingOffset> offsets) {
    return new UpgradePlan(
        pipeline,
        fromRevision,
        classification,
        mode,
        allowed,
        refusal,
        rollout,
        applicationIdBefore,
        applicationIdAfter,
        offsets,
        state,
        diff);
  }

  /** Where the new consumer group starts on one partition. */
  @Schema(name = "StartingOffset")
  public record StartingOffset(
      @Schema(example = "payments.totals-in") String topic,
      @Schema(description = "The partition; -1 for a topic that does not exist yet.", example = "0")
          int partition,
      @Schema(description = "The first offset the new group reads.", example = "1200") long offset,
      @Schema(
              description =
                  "Where the offset comes from: committed by the previous application id, the"
                      + " earliest offset, the first record at or after the timestamp.",
              example = "committed by payments.totals")
          String origin) {

    static StartingOffset of(OffsetHandOver.StartingOffset offset) {
      return new StartingOffset(
          offset.topic(), offset.partition(), offset.offset(), offset.origin());
    }
  }

  /** One table or stateful step. */
  @Schema(name = "StatePlan")
  public record StatePlan(
      @Schema(description = "The table's or step's name.") String name,
      @Schema(enumeration = {"table", "aggregate", "deduplicate", "join"}) String kind,
      @Schema(
              description =
                  "The state stores the worker names after it; changelogs are <application"
                      + " id>-<store>-changelog.")
          List<String> stores,
      @Schema(
              description =
                  "unchanged, extended (read forward), added (starts empty), removed (no longer"
                      + " read) or incompatible (cannot be read by the new version).",
              enumeration = {"unchanged", "extended", "added", "removed", "incompatible"})
          String outcome,
      @Schema(description = "Whether the state is kept by this update.") boolean kept,
      @Schema(description = "Why.") String reason) {}
}
