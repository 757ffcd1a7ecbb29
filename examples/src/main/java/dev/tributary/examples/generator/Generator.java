package dev.tributary.examples.generator;

import java.util.List;

/**
 * Data for one example pipeline: the rows of its tables, produced once before the pipeline starts,
 * and an endless stream of events. Deterministic for a given seed, so that a test can compute what
 * the pipeline must write.
 */
public interface Generator {

  /** The table rows (cards, customers, machines), each keyed like the pipeline's table. */
  List<Message> tableRows(long now);

  /** The next event, stamped with {@code now} as its event time. */
  Message next(long now);
}
