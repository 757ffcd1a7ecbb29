package dev.tributary.benchmarks.handwritten;

/** A transaction joined with its card: the output of scenario (c). */
public record EnrichedTransaction(
    String txId,
    String cardId,
    double amount,
    String merchant,
    String country,
    String holder,
    String tier,
    boolean abroad) {

  public static EnrichedTransaction of(Transaction tx, Card card) {
    return new EnrichedTransaction(
        tx.txId(),
        tx.cardId(),
        tx.amount(),
        tx.merchant(),
        tx.country(),
        card.holder(),
        card.tier(),
        !tx.country().equals(card.homeCountry()));
  }
}
