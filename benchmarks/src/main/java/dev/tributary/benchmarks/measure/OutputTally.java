package dev.tributary.benchmarks.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a contender wrote: the number of records and, for windowed results, the latest count of each
 * (card, window). Results of a window are updates, so the latest one per window holds the window's
 * count; their sum must equal the transactions read.
 */
public final class OutputTally {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean windowed;
  private final Map<String, Long> countPerWindow = new HashMap<>();
  private long records;
  private long windowTransactions;
  private long unreadable;

  public OutputTally(boolean windowed) {
    this.windowed = windowed;
  }

  public synchronized void add(ConsumerRecord<byte[], byte[]> record) {
    records++;
    if (!windowed) {
      return;
    }
    try {
      JsonNode result = JSON.readTree(record.value());
      String window = result.path("cardId").asText() + "@" + result.path("windowStart").asLong();
      long count = result.path("transactions").asLong();
      Long previous = countPerWindow.put(window, count);
      windowTransactions += count - (previous == null ? 0 : previous);
    } catch (IOException e) {
      unreadable++;
    }
  }

  public synchronized long records() {
    return records;
  }

  public synchronized long windowResults() {
    return countPerWindow.size();
  }

  public synchronized long windowTransactions() {
    return windowTransactions;
  }

  public synchronized long unreadable() {
    return unreadable;
  }
}
