package dev.tributary.pipeline.expr;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" hints: the closest known name by edit distance, when it is close enough. */
public final class Suggestions {

  /** Longer than every name of the language (fields have at most 128 characters). */
  private static final int MAX_NAME = 256;

  private Suggestions() {}

  /**
   * The known name closest to {@code name}, ignoring case, if a person could plausibly have meant
   * it: at most one edit per three characters (one to three edits), and never a name that shares
   * nothing with it. Ties go to the alphabetically first name, so hints are stable.
   */
  public static Optional<String> closest(String name, Collection<String> known) {
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      if (candidate == null || candidate.equals(name)) {
        continue;
      }
      int d = distance(name.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    int tolerance = Math.max(1, Math.min(3, name.length() / 3));
    boolean close =
        best != null
            && bestDistance <= tolerance
            && bestDistance < name.length()
            && bestDistance < best.length();
    return close ? Optional.of(best) : sharedStem(name, known);
  }

  /**
   * A known name that starts like {@code name} for most of its length, for abbreviations such as
   * {@code dedupe} for {@code deduplicate} that are too many edits away.
   */
  private static Optional<String> sharedStem(String name, Collection<String> known) {
    int needed = Math.max(4, (name.length() * 2 + 2) / 3);
    String best = null;
    int bestPrefix = 0;
    for (String candidate : known) {
      if (candidate == null || candidate.equals(name)) {
        continue;
      }
      int prefix = commonPrefix(name.toLowerCase(), candidate.toLowerCase());
      if (prefix >= needed
          && (prefix > bestPrefix || (prefix == bestPrefix && candidate.compareTo(best) < 0))) {
        best = candidate;
        bestPrefix = prefix;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  /**
   * Damerau-Levenshtein (optimal string alignment) distance, exact when it is at most 3, which is
   * all a hint needs. For strings of very different length, or longer than any name of the
   * language, it returns a number above 3 without building a table for user-supplied text.
   */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3 || Math.min(a.length(), b.length()) > MAX_NAME) {
      return Math.max(4, Math.abs(a.length() - b.length()));
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
