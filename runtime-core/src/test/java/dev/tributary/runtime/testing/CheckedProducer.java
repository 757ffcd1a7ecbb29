package dev.tributary.runtime.testing;

import dev.tributary.runtime.kafka.SendFailures;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An idempotent producer for tests' input that fails the test at once, with the cause, when a send
 * fails: each {@link #send} first checks the sends before it, {@link #flush()} waits for and checks
 * them all, and {@link #close()} flushes before closing. A lost record never shows up as a timeout
 * minutes later.
 */
public final class CheckedProducer implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final SendFailures failures = new SendFailures();

  public CheckedProducer(String bootstrap) {
    this(java.util.Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  /**
   * @param client the brokers and the client's identity, e.g. {@code
   *     KafkaBroker#adminClientProperties()}
   */
  public CheckedProducer(java.util.Map<String, Object> client) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  public void send(ProducerRecord<String, String> record) {
    failures.check();
    producer.send(record, failures);
  }

  public void send(String topic, String key, String value) {
    send(new ProducerRecord<>(topic, key, value));
  }

  /** Waits until every record sent so far is acknowledged, and throws if any was not. */
  public void flush() {
    producer.flush();
    failures.check();
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close();
    }
  }
}
