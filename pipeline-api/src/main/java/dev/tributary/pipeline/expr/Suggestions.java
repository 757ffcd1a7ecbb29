package dev.tributary.pipeline.expr;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" hints: the closest known name by edit distance, when it is close enough. */
public final class Suggestions {

  /** Longer than every name of the language (fields have at most 128 characters). */
  private static final int MAX_NAME = 256;

  /** The largest distance a hint allows; anything further is only "too far". */
  private static final int BAND = 3;

  private static final int FAR = BAND + 1;

  /** Where diagonal 0 sits in the arrays of diagonals, with one spare on either side. */
  private static final int OFFSET = BAND + 1;

  private static final int NONE = -FAR - 2;

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
    String lower = name.toLowerCase(Locale.ROOT);
    char[] letters = lower.toCharArray();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      // Lengths further apart than a hint's edits are not worth a look.
      if (candidate == null
          || candidate.equals(name)
          || Math.abs(candidate.length() - name.length()) > BAND) {
        continue;
      }
      int d = distance(letters, candidate.toLowerCase(Locale.ROOT).toCharArray());
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
    return close ? Optional.of(best) : sharedStem(lower, name, known);
  }

  /**
   * A known name that starts like {@code name} for most of its length, for abbreviations such as
   * {@code dedupe} for {@code deduplicate} that are too many edits away.
   */
  private static Optional<String> sharedStem(String lower, String name, Collection<String> known) {
    int needed = Math.max(4, (name.length() * 2 + 2) / 3);
    String best = null;
    int bestPrefix = 0;
    for (String candidate : known) {
      if (candidate == null || candidate.equals(name)) {
        continue;
      }
      int prefix = commonPrefix(lower, candidate.toLowerCase(Locale.ROOT));
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
   * all a hint needs; otherwise some number above 3. Hints compare every name a document gets wrong
   * with every name it could have meant, so the cost must not grow with the product of their
   * lengths: this follows each diagonal of the edit table only as far as it can get with 0, 1, 2
   * and 3 edits, jumping over runs of equal characters (Ukkonen and Landau-Vishkin), instead of
   * filling the table.
   */
  static int distance(String a, String b) {
    return distance(a.toCharArray(), b.toCharArray());
  }

  private static int distance(char[] x, char[] y) {
    int n = x.length;
    int m = y.length;
    if (Math.abs(n - m) > BAND || Math.min(n, m) > MAX_NAME) {
      return Math.max(FAR, Math.abs(n - m));
    }
    // furthest[d + OFFSET]: the furthest row of diagonal d (column = row + d) that the edits
    // counted so far reach; NONE where they reach none of it.
    int[] previous = new int[2 * OFFSET + 1];
    int[] current = new int[2 * OFFSET + 1];
    Arrays.fill(previous, NONE);
    for (int edits = 0; edits <= BAND; edits++) {
      Arrays.fill(current, NONE);
      for (int d = -edits; d <= edits; d++) {
        int at = d + OFFSET;
        int row = 0;
        if (edits > 0) {
          int substituted = previous[at];
          // An insertion keeps the row and moves to the next diagonal; a deletion the reverse.
          row = Math.max(Math.max(substituted + 1, previous[at - 1]), previous[at + 1] + 1);
          if (substituted >= 0 && transposed(x, y, substituted, d)) {
            row = Math.max(row, substituted + 2);
          }
        }
        row = Math.min(Math.min(row, n), m - d);
        if (row < Math.max(0, -d)) {
          continue;
        }
        int equal = Arrays.mismatch(x, row, n, y, row + d, m);
        row += equal < 0 ? n - row : equal;
        current[at] = row;
        if (d == m - n && row == n) {
          return edits;
        }
      }
      int[] reached = current;
      current = previous;
      previous = reached;
    }
    return FAR;
  }

  /**
   * Whether the two characters at {@code row} of {@code x} are those at {@code row + d} of y,
   * swapped.
   */
  private static boolean transposed(char[] x, char[] y, int row, int d) {
    int column = row + d;
    return row + 1 < x.length
        && column >= 0
        && column + 1 < y.length
        && x[row] == y[column + 1]
        && x[row + 1] == y[column];
  }
}
