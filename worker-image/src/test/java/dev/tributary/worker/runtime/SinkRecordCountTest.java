package dev.tributary.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class SinkRecordCountTest {

  private final SinkRecordCount count = new SinkRecordCount(Set.of("shop.orders-eu", "shop.big"));
  private final Map<MetricName, Metric> metrics = new HashMap<>();

  @Test
  void countsTheRecordsSentToSinkTopicsOnly() {
    sent("producer-1", "shop.orders-eu", 120);
    sent("producer-1", "shop.big", 30);
    sent("producer-1", "shop.dead-letters", 7);
    sent("producer-1", "shop.etl-store-changelog", 500);
    metrics.put(
        new MetricName(
            "record-send-rate",
            SinkRecordCount.GROUP,
            "",
            Map.of("client-id", "producer-1", "topic", "shop.big")),
        constant(99.0));

    assertThat(count.count(metrics)).isEqualTo(150);
  }

  @Test
  void keepsWhatAReplacedThreadsProducerHadCounted() {
    sent("producer-1", "shop.orders-eu", 100);
    sent("producer-2", "shop.orders-eu", 40);
    assertThat(count.count(metrics)).isEqualTo(140);

    // The thread of producer-2 died: its metrics went with it; its replacement starts from zero.
    metrics.clear();
    sent("producer-1", "shop.orders-eu", 110);
    sent("producer-3", "shop.orders-eu", 5);
    assertThat(count.count(metrics)).isEqualTo(155);

    sent("producer-3", "shop.orders-eu", 25);
    assertThat(count.count(metrics)).isEqualTo(175);
  }

  private void sent(String client, String topic, double total) {
    metrics.put(
        new MetricName(
            SinkRecordCount.NAME,
            SinkRecordCount.GROUP,
            "",
            Map.of("client-id", client, "topic", topic)),
        constant(total));
  }

  private static Metric constant(double value) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return null;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    };
  }
}
