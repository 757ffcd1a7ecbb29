package dev.tributary.examples.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Raw orders for {@code orders-etl}: customers in four regions, most orders ordinary, some
 * high-value, and some the pipeline must drop (test orders, zero amounts, malformed currencies).
 */
public final class Orders implements Generator {

  public static final String RAW_ORDERS = "logistics.orders.raw";
  public static final String CUSTOMERS = "logistics.customers";
  public static final String[] REGIONS = {"eu", "na", "sa", "apac"};

  private static final String[] SEGMENTS = {"consumer", "business"};
  private static final String[] CURRENCIES = {"EUR", "USD", "BRL", "JPY"};

  private final RandomGenerator random;
  private final int customers;
  private long sequence;

  public Orders(long seed, int customers) {
    this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    this.customers = customers;
  }

  public static String customerId(int index) {
    return "cust-%04d".formatted(index);
  }

  /** The region of a customer: eu, na, sa, apac in turn. */
  public static String region(int index) {
    return REGIONS[index % REGIONS.length];
  }

  @Override
  public List<Message> tableRows(long now) {
    List<Message> rows = new ArrayList<>(customers);
    for (int i = 0; i < customers; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("customerId", customerId(i));
      row.put("name", "Customer " + i);
      row.put("region", region(i));
      row.put("segment", SEGMENTS[i % SEGMENTS.length]);
      rows.add(new Message(CUSTOMERS, customerId(i), Json.of(row), now));
    }
    return rows;
  }

  public static Message order(
      String orderId,
      String customerId,
      long amountCents,
      String currency,
      String status,
      long ts) {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("orderId", orderId);
    order.put("customerId", customerId);
    order.put("amountCents", amountCents);
    order.put("currency", currency);
    order.put("status", status);
    order.put("createdAt", ts);
    return new Message(RAW_ORDERS, customerId, Json.of(order), ts);
  }

  @Override
  public Message next(long now) {
    int customer = random.nextInt(customers);
    int kind = random.nextInt(100);
    long amountCents =
        kind < 5 ? 0 : kind < 10 ? 100_000 + random.nextInt(900_000) : 500 + random.nextInt(20_000);
    String status = kind >= 10 && kind < 13 ? "test" : "placed";
    String currency = kind == 13 ? "EURO" : CURRENCIES[customer % CURRENCIES.length];
    return order("order-" + (++sequence), customerId(customer), amountCents, currency, status, now);
  }
}
