package dev.tributary.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** What the contenders compute; each has a pipeline in src/main/resources/pipelines. */
public enum Scenario {
  FILTER_SELECT("filter-select", "a", "(a) filter + select"),
  WINDOWED_TOTALS("windowed-totals", "b", "(b) windowed count/sum"),
  CARD_ENRICHMENT("card-enrichment", "c", "(c) stream-table join");

  private final String id;
  private final String letter;
  private final String title;

  Scenario(String id, String letter, String title) {
    this.id = id;
    this.letter = letter;
    this.title = title;
  }

  /** The pipeline's name and the stem of run names. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String pipelineResource() {
    return "/pipelines/" + id + ".yaml";
  }

  /** Whether the contenders read the card table besides the transactions. */
  public boolean readsTable() {
    return this == CARD_ENRICHMENT;
  }

  /** A scenario by its id or letter: {@code filter-select} or {@code a}. */
  public static Scenario parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(s -> s.id.equals(wanted) || s.letter.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no scenario '"
                        + text
                        + "'; choose a, b, c or filter-select, windowed-totals,"
                        + " card-enrichment"));
  }
}
