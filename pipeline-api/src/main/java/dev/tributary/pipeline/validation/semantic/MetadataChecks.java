package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.INVALID_LABEL;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.TEAM_MISMATCH;
import static dev.tributary.pipeline.validation.ValidationCode.UNSUPPORTED_API_VERSION;
import static dev.tributary.pipeline.validation.ValidationCode.WRONG_KIND;

import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.validation.JsonPaths;
import dev.tributary.pipeline.validation.ValidationContext;
import java.util.Map;
import java.util.regex.Pattern;

/** The document's header: its version and kind, and its metadata's name, team and labels. */
final class MetadataChecks {

  private static final Pattern LABEL_NAME =
      Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
  private static final Pattern LABEL_PREFIX =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private final CheckContext context;
  private final ValidationContext submittedTo;

  MetadataChecks(CheckContext context, ValidationContext submittedTo) {
    this.context = context;
    this.submittedTo = submittedTo;
  }

  void check() {
    PipelineDocument document = context.document();
    if (!PipelineDocument.API_VERSION.equals(document.apiVersion())) {
      context.error(
          "apiVersion",
          UNSUPPORTED_API_VERSION,
          "'"
              + document.apiVersion()
              + "' is not a supported version; use "
              + PipelineDocument.API_VERSION);
    }
    if (!PipelineDocument.KIND.equals(document.kind())) {
      context.error(
          "kind",
          WRONG_KIND,
          "kind must be " + PipelineDocument.KIND + ", not '" + document.kind() + "'");
    }
    String name = document.metadata().name();
    if (!NameChecks.isDnsLabel(name)) {
      context.error("metadata.name", INVALID_NAME, NameChecks.notDnsLabel(name));
    }
    String declared = document.metadata().team();
    if (declared != null && !NameChecks.isDnsLabel(declared)) {
      context.error("metadata.team", INVALID_NAME, NameChecks.notDnsLabel(declared));
    }
    if (submittedTo.team() != null && declared != null && !declared.equals(submittedTo.team())) {
      context.error(
          "metadata.team",
          TEAM_MISMATCH,
          "the document says team '"
              + declared
              + "' but it is submitted to team '"
              + submittedTo.team()
              + "'");
    }
    labels(document.metadata().labels());
  }

  /** Labels become the custom resource's labels, so they follow Kubernetes' label syntax. */
  private void labels(Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    labels.forEach(
        (key, value) -> {
          String path = JsonPaths.member("metadata.labels", key);
          int slash = key.indexOf('/');
          String prefix = slash < 0 ? null : key.substring(0, slash);
          String name = slash < 0 ? key : key.substring(slash + 1);
          boolean keyValid =
              LABEL_NAME.matcher(name).matches()
                  && (prefix == null
                      || (prefix.length() <= 253 && LABEL_PREFIX.matcher(prefix).matches()));
          if (!keyValid) {
            context.error(
                path,
                INVALID_LABEL,
                "'"
                    + key
                    + "' is not a Kubernetes label key: an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
          }
          if (!value.isEmpty() && !LABEL_NAME.matcher(value).matches()) {
            context.error(
                path,
                INVALID_LABEL,
                "'"
                    + value
                    + "' is not a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
          }
        });
  }
}
