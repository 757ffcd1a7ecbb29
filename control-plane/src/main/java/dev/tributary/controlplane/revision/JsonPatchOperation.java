package dev.tributary.controlplane.revision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One operation of an RFC 6902 JSON Patch, as revision diffs hold them (for the OpenAPI document).
 */
@Schema(name = "JsonPatchOperation")
public record JsonPatchOperation(
    @Schema(
            enumeration = {"add", "remove", "replace"},
            required = true)
        String op,
    @Schema(
            description = "JSON Pointer into the document.",
            example = "/spec/steps/0/filter",
            required = true)
        String path,
    @Schema(description = "The new value, for add and replace.") Object value) {}
