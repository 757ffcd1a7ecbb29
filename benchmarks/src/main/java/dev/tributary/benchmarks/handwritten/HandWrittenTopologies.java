package dev.tributary.benchmarks.handwritten;

import dev.tributary.benchmarks.data.TransactionData;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/** The three scenarios written directly with the Kafka Streams DSL. */
public final class HandWrittenTopologies {

  private static final Serde<String> KEYS = Serdes.String();
  private static final Serde<Transaction> TRANSACTIONS = JsonSerde.of(Transaction.class);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private HandWrittenTopologies() {}

  /** (a) Large domestic transactions, projected to payments. */
  public static Topology filterSelect(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    transactions(builder, input)
        .filter((cardId, tx) -> tx.isLargeAndDomestic())
        .mapValues(Payment::of)
        .to(output, Produced.with(KEYS, JsonSerde.of(Payment.class)));
    return builder.build();
  }

  /** (b) Count and sum per card and one-minute window, every update emitted. */
  public static Topology windowedTotals(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    transactions(builder, input)
        .groupByKey(Grouped.with(KEYS, TRANSACTIONS))
        .windowedBy(TimeWindows.ofSizeAndGrace(TransactionData.WINDOW, GRACE))
        .aggregate(
            CardTotals::none,
            (cardId, tx, totals) -> totals.add(tx),
            Materialized.with(KEYS, JsonSerde.of(CardTotals.class)))
        .toStream()
        .map((window, totals) -> KeyValue.pair(window.key(), CardWindowTotals.of(window, totals)))
        .to(output, Produced.with(KEYS, JsonSerde.of(CardWindowTotals.class)));
    return builder.build();
  }

  /** (c) Each transaction joined with its card; transactions of unknown cards are dropped. */
  public static Topology cardEnrichment(String input, String cardsTopic, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, Card> cards =
        builder.table(cardsTopic, Consumed.with(KEYS, JsonSerde.of(Card.class)));
    transactions(builder, input)
        .join(cards, EnrichedTransaction::of)
        .to(output, Produced.with(KEYS, JsonSerde.of(EnrichedTransaction.class)));
    return builder.build();
  }

  private static KStream<String, Transaction> transactions(StreamsBuilder builder, String topic) {
    return builder.stream(topic, Consumed.with(KEYS, TRANSACTIONS));
  }
}
