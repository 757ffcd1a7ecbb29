package dev.tributary.controlplane.pipeline;

/**
 * The conditional-request headers of a write (RFC 9110 §13). ETags are strong and quoted: the
 * revision number, {@code "3"}.
 *
 * @param ifMatch the If-Match header, null when absent
 * @param ifNoneMatch the If-None-Match header, null when absent; only {@code *} is meaningful
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

  public static final Preconditions NONE = new Preconditions(null, null);

  public boolean hasIfMatch() {
    return ifMatch != null && !ifMatch.isBlank();
  }

  /** If-None-Match: * — the write may only create. */
  public boolean createOnly() {
    return ifNoneMatch != null && ifNoneMatch.strip().equals("*");
  }

  /** Whether If-Match names this ETag (or is {@code *}). */
  public boolean matches(String etag) {
    for (String candidate : ifMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
