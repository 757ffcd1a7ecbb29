package dev.tributary.benchmarks.data;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The records every contender reads: card transactions as JSON of about 200 bytes, keyed by card,
 * and the card table. Generated once per benchmark from a fixed seed, so that every contender (and
 * every benchmark run) sees the same values; only the time origin follows the clock, so that the
 * broker's retention never applies.
 *
 * <p>It also knows what a correct contender writes for any prefix of the transactions: how many
 * pass the filter of scenario (a), how many join a card in scenario (c), and how many (card,
 * window) results scenario (b) has for the whole backlog.
 */
public final class TransactionData {

  public static final long SEED = 20_250_601L;
  public static final int CARDS = 10_000;
  public static final Duration WINDOW = Duration.ofMinutes(1);

  /**
   * How fast event time runs in the backlog: a busy card processor's rate, so that each card has a
   * handful of transactions per window. A much faster clock would make the window store open a new
   * RocksDB segment every second or so of processing, a cost a live stream never sees.
   */
  static final int TRANSACTIONS_PER_EVENT_SECOND = 2_500;

  private static final List<String> COUNTRIES =
      List.of("DE", "FR", "NL", "ES", "IT", "GB", "SE", "PL", "US", "US", "CA", "JP");
  private static final List<String> CATEGORIES =
      List.of("groceries", "fuel", "travel", "restaurants", "electronics", "fashion", "health");
  private static final List<String> CHANNELS = List.of("pos", "online", "contactless", "atm");
  private static final List<String> TIERS = List.of("classic", "gold", "platinum");

  private static final String TRANSACTION_JSON =
      "{\"txId\":\"tx-%012d\",\"cardId\":\"%s\",\"amount\":%s,\"currency\":\"%s\","
          + "\"merchant\":\"merchant-%05d\",\"mcc\":%d,\"category\":\"%s\",\"country\":\"%s\","
          + "\"channel\":\"%s\",\"ts\":%d}";
  private static final String CARD_JSON =
      "{\"cardId\":\"%s\",\"holder\":\"holder-%05d\",\"tier\":\"%s\",\"homeCountry\":\"%s\","
          + "\"creditLimit\":%s}";

  private final byte[][] keys;
  private final byte[][] values;
  private final long[] timestamps;
  private final int[] passingFilterBefore;
  private final int[] joiningBefore;
  private final int windows;
  private final long valueBytes;
  private final long cardTimestamp;

  private TransactionData(int count, long startMillis) {
    keys = new byte[count][];
    values = new byte[count][];
    timestamps = new long[count];
    passingFilterBefore = new int[count + 1];
    joiningBefore = new int[count + 1];
    Random random = new Random(SEED);
    Set<Long> cardWindows = new HashSet<>();
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      int card = random.nextInt(CARDS);
      long amountCents = 100 + random.nextInt(49_900);
      String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
      long timestamp = startMillis + i * 1_000L / TRANSACTIONS_PER_EVENT_SECOND;
      String json =
          TRANSACTION_JSON.formatted(
              i,
              cardId(card),
              Double.toString(amountCents / 100.0),
              currency(country),
              random.nextInt(5_000),
              5_000 + random.nextInt(1_000),
              CATEGORIES.get(random.nextInt(CATEGORIES.size())),
              country,
              CHANNELS.get(random.nextInt(CHANNELS.size())),
              timestamp);
      keys[i] = cardId(card).getBytes(StandardCharsets.UTF_8);
      values[i] = json.getBytes(StandardCharsets.UTF_8);
      timestamps[i] = timestamp;
      bytes += values[i].length;
      // The filter of scenario (a): amount >= 50.0 && country != "US".
      boolean passesFilter = amountCents >= 5_000 && !country.equals("US");
      passingFilterBefore[i + 1] = passingFilterBefore[i] + (passesFilter ? 1 : 0);
      joiningBefore[i + 1] = joiningBefore[i] + (hasCard(card) ? 1 : 0);
      cardWindows.add((long) card << 32 | (timestamp / WINDOW.toMillis()));
    }
    this.windows = cardWindows.size();
    this.valueBytes = bytes;
    this.cardTimestamp = startMillis - Duration.ofHours(1).toMillis();
  }

  /**
   * Generates {@code count} transactions whose event times start a day ago, on a full hour, so that
   * windows fall the same way in every benchmark run.
   */
  public static TransactionData generate(int count) {
    long hour = Duration.ofHours(1).toMillis();
    long start = (System.currentTimeMillis() - Duration.ofDays(1).toMillis()) / hour * hour;
    return new TransactionData(count, start);
  }

  /** For tests: the same values with event times from a given start. */
  public static TransactionData generate(int count, long startMillis) {
    return new TransactionData(count, startMillis);
  }

  public int count() {
    return values.length;
  }

  /** The record key of the transaction {@code i}: its card id. */
  public byte[] key(int i) {
    return keys[i];
  }

  public byte[] value(int i) {
    return values[i];
  }

  public long timestamp(int i) {
    return timestamps[i];
  }

  public double averageValueBytes() {
    return (double) valueBytes / values.length;
  }

  /** How many of the first {@code sent} transactions, cycling through the data, pass the filter. */
  public long passingFilter(long sent) {
    return cycled(passingFilterBefore, sent);
  }

  /** How many of the first {@code sent} transactions, cycling through the data, have a card. */
  public long joining(long sent) {
    return cycled(joiningBefore, sent);
  }

  /** The number of (card, window) results of the whole backlog. */
  public int cardWindows() {
    return windows;
  }

  /** Card rows: every card except each tenth, whose transactions the inner join drops. */
  public List<CardRow> cards() {
    return IntStream.range(0, CARDS)
        .filter(TransactionData::hasCard)
        .mapToObj(this::cardRow)
        .toList();
  }

  private CardRow cardRow(int card) {
    String json =
        CARD_JSON.formatted(
            cardId(card),
            card,
            TIERS.get(card % TIERS.size()),
            COUNTRIES.get(card % COUNTRIES.size()),
            Double.toString(1_000.0 * (1 + card % 20)));
    return new CardRow(
        cardId(card).getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8),
        cardTimestamp);
  }

  private static long cycled(int[] before, long sent) {
    int count = before.length - 1;
    return sent / count * before[count] + before[(int) (sent % count)];
  }

  private static boolean hasCard(int card) {
    return card % 10 != 0;
  }

  private static String cardId(int card) {
    return "card-%05d".formatted(card);
  }

  private static String currency(String country) {
    return switch (country) {
      case "US" -> "USD";
      case "CA" -> "CAD";
      case "GB" -> "GBP";
      case "JP" -> "JPY";
      case "SE" -> "SEK";
      case "PL" -> "PLN";
      default -> "EUR";
    };
  }

  /** A row of the card table, older than every transaction so that it is joined first. */
  public record CardRow(byte[] key, byte[] value, long timestamp) {}
}
