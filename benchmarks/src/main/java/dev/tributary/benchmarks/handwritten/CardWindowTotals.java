package dev.tributary.benchmarks.handwritten;

import org.apache.kafka.streams.kstream.Windowed;

/** One card's totals in one window: the output of scenario (b). */
public record CardWindowTotals(
    String cardId, long transactions, double total, long windowStart, long windowEnd) {

  public static CardWindowTotals of(Windowed<String> window, CardTotals totals) {
    return new CardWindowTotals(
        window.key(),
        totals.transactions(),
        totals.total(),
        window.window().start(),
        window.window().end());
  }
}
