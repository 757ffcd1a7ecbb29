package dev.tributary.controlplane.revision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import dev.tributary.controlplane.pipeline.Pipeline;
import dev.tributary.pipeline.spec.PipelineMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * Appends revisions and reads them back. The diff of a revision is an RFC 6902 JSON Patch from the
 * previous document (zjsonpatch): a standard, machine-applicable format that the console can render
 * as a change list, and that `kubectl`-style tools understand.
 */
@ApplicationScoped
public class RevisionHistory {

  private static final JsonNode EMPTY = PipelineMapper.json().createObjectNode();

  /** Plain add/remove/replace operations: no "move"/"copy" guesses that are hard to read. */
  private static final EnumSet<DiffFlags> FLAGS =
      EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

  @Transactional(Transactional.TxType.MANDATORY)
  public Revision append(
      Pipeline pipeline,
      String previousDocument,
      String document,
      ChangeSource source,
      String author,
      Integer rolledBackFrom) {
    Revision revision = new Revision();
    revision.pipeline = pipeline;
    revision.number = pipeline.currentRevision;
    revision.document = document;
    revision.diff = diff(previousDocument, document);
    revision.source = source;
    revision.author = author;
    revision.createdAt = Instant.now();
    revision.rolledBackFrom = rolledBackFrom;
    revision.stateGeneration = pipeline.stateGeneration;
    revision.persist();
    return revision;
  }

  /** Revisions newest first, below the given number when one is given. */
  public List<Revision> page(Pipeline pipeline, Integer below, int limit) {
    return (below == null
            ? Revision.<Revision>find("pipeline = ?1 order by number desc", pipeline)
            : Revision.<Revision>find(
                "pipeline = ?1 and number < ?2 order by number desc", pipeline, below))
        .page(0, limit)
        .list();
  }

  public static String diff(String previousDocument, String document) {
    JsonNode before = previousDocument == null ? EMPTY : tree(previousDocument);
    try {
      return PipelineMapper.json()
          .writeValueAsString(JsonDiff.asJson(before, tree(document), FLAGS));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(String json) {
    try {
      return PipelineMapper.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a stored document is not JSON", e);
    }
  }
}
