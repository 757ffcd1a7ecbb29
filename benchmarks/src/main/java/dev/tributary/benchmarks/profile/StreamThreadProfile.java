package dev.tributary.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the stream threads of a benchmark run spend their CPU: the execution samples of a flight
 * recording, per stream thread (one per run), by what the innermost recognised frame is doing.
 *
 * <pre>java -cp … dev.tributary.benchmarks.profile.StreamThreadProfile recording.jfr</pre>
 *
 * Record with {@code -XX:FlightRecorderOptions:stackdepth=256}: the worker's processor chains are
 * deeper than the default 64 frames, and truncated stacks lose the frames that name the work.
 */
public final class StreamThreadProfile {

  /** Categories in the order they are tried on each frame, innermost frame first. */
  private static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "CEL: copying the record into an activation", "dev.cel.runtime.Activation.copyOf"),
          new Category(
              "CEL: evaluation", "dev.cel.", "dev.tributary.pipeline.expr.CompiledExpression"),
          new Category(
              "expressions without CEL (shortcuts)", "dev.tributary.worker.expression.Shortcut"),
          new Category(
              "JSON parse (untyped map + coercion)", "dev.tributary.worker.record.RecordReader"),
          new Category("JSON write (map)", "dev.tributary.worker.record.RecordJson.write"),
          new Category("JSON parse (typed record)", "benchmarks.handwritten.JsonSerde.read"),
          new Category("JSON write (typed record)", "benchmarks.handwritten.JsonSerde.write"),
          new Category("RocksDB", "org.rocksdb."),
          new Category("record cache", "ThreadCache.", "NamedCache."),
          new Category("producer send", "org.apache.kafka.clients.producer.KafkaProducer.send"),
          new Category(
              "commit",
              "TaskManager.commit",
              "TaskExecutor.commitOffsetsOrTransaction",
              "StreamThread.maybeCommit"),
          new Category(
              "poll and buffering",
              "KafkaConsumer.poll",
              "StreamThread.pollRequests",
              "StreamTask.addRecords",
              "RecordQueue"),
          new Category(
              "Streams per-record work (processor chain, forwarding, metrics)",
              "StreamTask.process",
              "TaskExecutor.processTask"));

  private static final List<String> STATE_STORES =
      List.of("MeteredWindowStore", "MeteredKeyValueStore", "MeteredTimestampedKeyValueStore");

  private static final Pattern THREAD_UUID =
      Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private StreamThreadProfile() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: StreamThreadProfile <recording.jfr>");
      System.exit(2);
    }
    Map<String, Map<String, Integer>> samples = new TreeMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedThread thread = event.getThread("sampledThread");
      String name = thread == null ? null : thread.getJavaName();
      if (name == null || !name.contains("StreamThread") || name.contains("producer")) {
        continue;
      }
      samples
          .computeIfAbsent(THREAD_UUID.matcher(name).replaceAll(""), t -> new TreeMap<>())
          .merge(category(event.getStackTrace()), 1, Integer::sum);
    }
    samples.forEach(StreamThreadProfile::print);
  }

  private static String category(RecordedStackTrace stack) {
    if (stack == null) {
      return "other";
    }
    List<String> frames =
        stack.getFrames().stream()
            .map(RecordedFrame::getMethod)
            .map(m -> m.getType().getName() + "." + m.getName())
            .toList();
    for (String frame : frames) {
      for (Category category : CATEGORIES) {
        if (category.matches(frame)) {
          boolean inStore =
              frames.stream().anyMatch(f -> STATE_STORES.stream().anyMatch(f::contains));
          return category.name().startsWith("JSON") && inStore
              ? "state store values: " + category.name()
              : category.name();
        }
      }
    }
    return "other";
  }

  private static void print(String thread, Map<String, Integer> categories) {
    int total = categories.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf("%n%s: %d samples%n", thread, total);
    categories.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(
            c ->
                System.out.printf(
                    "  %6d %5.1f%%  %s%n", c.getValue(), 100.0 * c.getValue() / total, c.getKey()));
  }

  private record Category(String name, String... frameFragments) {
    boolean matches(String frame) {
      for (String fragment : frameFragments) {
        if (frame.contains(fragment)) {
          return true;
        }
      }
      return false;
    }
  }
}
