package dev.tributary.benchmarks.handwritten;

/** The running count and sum of one card's transactions in one window: the aggregate's state. */
public record CardTotals(long transactions, double total) {

  public static CardTotals none() {
    return new CardTotals(0, 0.0);
  }

  public CardTotals add(Transaction tx) {
    return new CardTotals(transactions + 1, total + tx.amount());
  }
}
