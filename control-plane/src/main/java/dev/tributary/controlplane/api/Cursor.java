package dev.tributary.controlplane.api;

import dev.tributary.controlplane.problem.ProblemDetail.FieldError;
import dev.tributary.controlplane.problem.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key of the last item of a page, base64url-encoded. Opaque so that
 * clients pass them back unchanged and we may change the key later.
 */
public final class Cursor {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** Longer than any key a page ends on (a pipeline name, a number). */
  private static final int MAX_KEY_CHARS = 200;

  private Cursor() {}

  public static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key in a cursor, or null for none; a cursor we did not issue is a 400. The key goes into a
   * query, so one that no page ends on — not UTF-8, holding NUL, too long — is refused here.
   */
  public static String decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    String key;
    try {
      key = StrictUtf8.decode(Base64.getUrlDecoder().decode(cursor));
    } catch (IllegalArgumentException | StrictUtf8.MalformedException e) {
      throw invalid("cursor", "not a cursor from a previous page");
    }
    if (StorableText.Check.problem(key, MAX_KEY_CHARS) != null) {
      throw invalid("cursor", "not a cursor from a previous page");
    }
    return key;
  }

  public static long decodeNumber(String cursor) {
    String key = decode(cursor);
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw invalid("cursor", "not a cursor from a previous page");
    }
  }

  /** The page size asked for, between 1 and {@link #MAX_LIMIT}. */
  public static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  private static RuntimeException invalid(String parameter, String message) {
    return Problems.invalidRequest(
        "invalid query parameter '" + parameter + "'",
        List.of(new FieldError(parameter, "invalid-parameter", message)));
  }
}
