package dev.tributary.examples.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Card transactions for {@code card-fraud}: everyday spending on many cards, with now and then a
 * card that goes on a spree (many large transactions within a minute, beyond its limit), and a few
 * transactions sent twice (the same {@code txId}, as a retrying payment terminal would).
 */
public final class CardTransactions implements Generator {

  public static final String TRANSACTIONS = "payments.transactions";
  public static final String CARDS = "payments.cards";

  private static final String[] COUNTRIES = {"DE", "FR", "NL", "ES", "US", "GB", "PL", "IT"};
  private static final String[] MERCHANTS = {
    "grocer", "fuel", "books", "airline", "electronics", "cafe", "pharmacy", "hotel"
  };

  private final RandomGenerator random;
  private final int cards;
  private long sequence;
  private String spreeCard;
  private int spreeLeft;
  private Message lastTransaction;

  public CardTransactions(long seed, int cards) {
    this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    this.cards = cards;
  }

  public static String cardId(int index) {
    return "card-%04d".formatted(index);
  }

  /** The limit of a card: 1,000 to 5,000 in steps of 500, the same for every run. */
  public static double limit(int index) {
    return 1000.0 + 500.0 * (index % 9);
  }

  @Override
  public List<Message> tableRows(long now) {
    List<Message> rows = new ArrayList<>(cards);
    for (int i = 0; i < cards; i++) {
      rows.add(card(cardId(i), "Holder " + i, limit(i), COUNTRIES[i % COUNTRIES.length], now));
    }
    return rows;
  }

  public static Message card(String cardId, String holder, double limit, String home, long ts) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("cardId", cardId);
    row.put("holder", holder);
    row.put("limit", limit);
    row.put("homeCountry", home);
    return new Message(CARDS, cardId, Json.of(row), ts);
  }

  public static Message transaction(
      String txId, String cardId, double amount, String merchant, String country, long ts) {
    Map<String, Object> tx = new LinkedHashMap<>();
    tx.put("txId", txId);
    tx.put("cardId", cardId);
    tx.put("amount", Json.cents(amount));
    tx.put("merchant", merchant);
    tx.put("country", country);
    tx.put("ts", ts);
    return new Message(TRANSACTIONS, cardId, Json.of(tx), ts);
  }

  @Override
  public Message next(long now) {
    if (lastTransaction != null && random.nextInt(100) == 0) {
      Message retry = lastTransaction; // a terminal retries: same txId, same event time
      lastTransaction = null;
      return retry;
    }
    if (spreeLeft == 0 && random.nextInt(400) == 0) {
      spreeCard = cardId(random.nextInt(cards));
      spreeLeft = 25;
    }
    String cardId;
    double amount;
    if (spreeLeft > 0) {
      spreeLeft--;
      cardId = spreeCard;
      amount = 300 + random.nextDouble() * 400;
    } else {
      cardId = cardId(random.nextInt(cards));
      amount = Math.exp(2 + random.nextDouble() * 3); // 7 to 150, mostly small
    }
    Message tx =
        transaction(
            "tx-" + (++sequence) + "-" + Long.toHexString(random.nextLong() & 0xffffffL),
            cardId,
            amount,
            MERCHANTS[random.nextInt(MERCHANTS.length)],
            COUNTRIES[random.nextInt(COUNTRIES.length)],
            now);
    lastTransaction = tx;
    return tx;
  }
}
