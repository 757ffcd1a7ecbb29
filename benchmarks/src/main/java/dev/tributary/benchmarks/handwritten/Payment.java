package dev.tributary.benchmarks.handwritten;

/** The projection of scenario (a). */
public record Payment(String txId, String cardId, double amount, String merchant, String country) {

  public static Payment of(Transaction tx) {
    return new Payment(tx.txId(), tx.cardId(), tx.amount(), tx.merchant(), tx.country());
  }
}
