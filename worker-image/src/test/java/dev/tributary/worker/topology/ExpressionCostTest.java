package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import dev.tributary.worker.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A record whose expressions would cost without bound goes to the dead letters with the limit it
 * met, quickly, and the records after it are processed as usual.
 */
class ExpressionCostTest {

  private static final String PAYMENTS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: costs, team: t}
      spec:
        sources:
          - name: payments
            topic: t.payments
            key: {field: id}
            fields: {id: string, merchant: string, pattern: string, tags: list<string>}
      """;

  /** Fails when a record takes longer than this: far above the milliseconds a record takes. */
  private static final Duration BOUNDED = Duration.ofSeconds(5);

  private static PipelineDriver pipeline(String step) {
    return PipelineDriver.of(
        PAYMENTS
            + """
              steps:
            """
            + step.indent(4)
            + """
              sinks:
                - {name: out, input: checked, topic: t.out}
            """);
  }

  @Test
  void aTextThatGrowsExponentiallyIsDeadLetteredAtTheSizeLimit() {
    // Twenty doublings: 2^20 characters from a one-character merchant, the largest value allowed;
    // eight times that from an eight-character one.
    String doubled = "[merchant]" + ".map(a, a + a)".repeat(20);
    try (PipelineDriver pipeline =
        pipeline(
            "- {name: checked, input: payments, select: {id: id, size: 'size("
                + doubled
                + "[0])'}}")) {
      long started = System.nanoTime();
      pipeline
          .pipe("t.payments", "p1", payment("p1", "acme-pay", "x", List.of()), T0)
          .pipe("t.payments", "p2", payment("p2", "m", "x", List.of()), T0);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUNDED);
      assertThat(pipeline.read("t.out"))
          .containsExactly(KeyValue.pair("p2", "{\"id\":\"p2\",\"size\":1048576}"));
      assertThat(error(pipeline.readDeadLetters(), "p1"))
          .startsWith("expression '")
          .endsWith(
              "'+' would build a value of 2097152 characters, bytes or items; the limit is 1048576");
    }
  }

  @Test
  void nestedComprehensionsOverALongListAreDeadLetteredAtTheIterationLimit() {
    try (PipelineDriver pipeline =
        pipeline(
            "- {name: checked, input: payments, filter: 'tags.all(a, tags.all(b, tags.all(c,"
                + " tags.all(d, a + b + c + d != \"\"))))'}")) {
      long started = System.nanoTime();
      pipeline
          .pipe("t.payments", "p1", payment("p1", "m", "x", tags(40)), T0)
          .pipe("t.payments", "p2", payment("p2", "m", "x", tags(5)), T0);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUNDED);
      assertThat(pipeline.read("t.out")).extracting(kv -> kv.key).containsExactly("p2");
      assertThat(error(pipeline.readDeadLetters(), "p1"))
          .endsWith(
              "the expression's comprehensions ran more than 10000 iterations for one record (the"
                  + " limit per record)");
    }
  }

  @Test
  void aPatternThatBacktracksCatastrophicallyRunsInLinearTime() {
    try (PipelineDriver pipeline =
        pipeline("- {name: checked, input: payments, filter: '!merchant.matches(\"(a+)+$\")'}")) {
      long started = System.nanoTime();
      pipeline
          .pipe("t.payments", "p1", payment("p1", "a".repeat(200_000) + "!", "x", List.of()), T0)
          .pipe("t.payments", "p2", payment("p2", "aaaa", "x", List.of()), T0);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUNDED);
      assertThat(pipeline.read("t.out")).extracting(kv -> kv.key).containsExactly("p1");
      assertThat(pipeline.readDeadLetters()).isEmpty();
    }
  }

  @Test
  void aPatternTakenFromTheRecordThatRe2CannotRunIsDeadLettered() {
    try (PipelineDriver pipeline =
        pipeline("- {name: checked, input: payments, filter: 'merchant.matches(pattern)'}")) {
      pipeline
          .pipe("t.payments", "p1", payment("p1", "aa", "(a)\\\\1", List.of()), T0)
          .pipe("t.payments", "p2", payment("p2", "aa", "(a{100}){100}", List.of()), T0)
          .pipe("t.payments", "p3", payment("p3", "aa", "(a(", List.of()), T0)
          .pipe("t.payments", "p4", payment("p4", "aa", "^a+$", List.of()), T0);

      assertThat(pipeline.read("t.out")).extracting(kv -> kv.key).containsExactly("p4");
      List<TestRecord<String, byte[]>> dead = pipeline.readDeadLetters();
      assertThat(error(dead, "p1")).contains("back-references are not supported");
      assertThat(error(dead, "p2")).contains("instructions; the limit is 5000");
      assertThat(error(dead, "p3")).contains("invalid regular expression");
    }
  }

  private static String payment(String id, String merchant, String pattern, List<String> tags) {
    StringBuilder json =
        new StringBuilder("{\"id\":\"")
            .append(id)
            .append("\",\"merchant\":\"")
            .append(merchant)
            .append("\",\"pattern\":\"")
            .append(pattern)
            .append("\",\"tags\":[");
    for (int i = 0; i < tags.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(tags.get(i)).append('"');
    }
    return json.append("]}").toString();
  }

  private static List<String> tags(int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> "t" + i).toList();
  }

  private static String error(List<TestRecord<String, byte[]>> dead, String key) {
    TestRecord<String, byte[]> record =
        dead.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    for (Header header : record.headers()) {
      if (header.key().equals(DeadLetterHeaders.ERROR)) {
        return new String(header.value(), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("dead letter of " + key + " has no error header");
  }
}
