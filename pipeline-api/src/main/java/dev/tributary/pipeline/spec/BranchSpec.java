package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One output of a branch step. */
public record BranchSpec(
    @JsonPropertyDescription("Name of the branch; later steps read it as `step.branch`.")
        String name,
    @JsonPropertyDescription(
            "CEL condition; the first branch whose condition holds takes the record. Omit it on"
                + " the last branch to take every remaining record.")
        String when) {}
