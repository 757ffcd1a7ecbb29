package dev.tributary.benchmarks.handwritten;

/** A card transaction as it arrives on the input topic. */
public record Transaction(
    String txId,
    String cardId,
    double amount,
    String currency,
    String merchant,
    int mcc,
    String category,
    String country,
    String channel,
    long ts) {

  /** The filter of scenario (a). */
  public boolean isLargeAndDomestic() {
    return amount >= 50.0 && !"US".equals(country);
  }
}
