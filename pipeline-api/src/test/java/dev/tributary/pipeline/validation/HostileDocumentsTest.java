package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Documents within the limits, shaped so that a check comparing everything with everything would
 * cost the product of their parts: they are answered in time that grows with their length.
 */
class HostileDocumentsTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @BeforeAll
  static void warmUp() {
    Corpus.valid().forEach(Corpus.Sample::validate);
  }

  @Test
  void danglingReferencesToLookAlikeNamesAreReportedQuickly() {
    // 450 references to names that exist nowhere, each three edits from 300 names of 63
    // characters: a hint compares each with each.
    StringBuilder text =
        new StringBuilder(
            "apiVersion: tributary.dev/v1alpha1\nkind: Pipeline\nmetadata: {name: x, team: payments}\nspec:\n  sources:\n");
    for (int i = 0; i < 50; i++) {
      text.append("    - {name: ").append(name("s", i)).append(", topic: payments.s").append(i);
      text.append(", fields: {amount: double}}\n");
    }
    text.append("  tables:\n");
    for (int i = 0; i < 50; i++) {
      text.append("    - {name: ").append(name("t", i)).append(", topic: payments.t").append(i);
      text.append(", fields: {amount: double}}\n");
    }
    text.append("  steps:\n");
    for (int i = 0; i < 200; i++) {
      text.append("    - {name: ").append(name("x", i)).append(", input: ").append(name("y", i));
      text.append(", join: {with: ").append(name("z", i)).append(", key: amount}}\n");
    }
    text.append("  sinks:\n");
    for (int i = 0; i < 50; i++) {
      text.append("    - {name: o").append(i).append(", input: ").append(name("w", i));
      text.append(", topic: payments.o").append(i).append("}\n");
    }

    List<ValidationError> errors =
        withinCpu(Duration.ofSeconds(1), () -> validate(text.toString()));

    assertThat(errors).hasSize(450).allMatch(e -> e.code().equals("dangling-input"));
    assertThat(errors.get(0).message()).contains("(did you mean '" + name("s", 0) + "'?)");
    // The first fifty references get a hint; the others name the problem only.
    assertThat(errors.stream().filter(e -> e.message().contains("did you mean"))).hasSize(50);
  }

  @Test
  void expressionsFullOfLookAlikeFieldNamesAreCheckedQuickly() {
    // 200 expressions of nine unknown names each, every name a few edits from each of the 500
    // fields of the input: each unknown name gets the closest field as a hint.
    String body = "b".repeat(100);
    StringBuilder text =
        new StringBuilder(
            "apiVersion: tributary.dev/v1alpha1\nkind: Pipeline\nmetadata: {name: x, team: payments}\n"
                + "spec:\n  sources:\n    - name: s\n      topic: payments.s\n      fields:\n");
    for (int i = 0; i < 500; i++) {
      text.append("        x").append(body).append(String.format("%04d", i)).append("y: double\n");
    }
    text.append("  steps:\n    - name: f\n      input: s\n      select:\n");
    for (int e = 0; e < 200; e++) {
      StringBuilder expression = new StringBuilder();
      for (int r = 0; r < 9; r++) {
        expression.append(r == 0 ? "" : " + ").append("z").append(body);
        expression.append(String.format("%04d", (e * 7 + r) % 500)).append("w");
      }
      text.append("        o").append(e).append(": \"").append(expression).append("\"\n");
    }
    text.append("  sinks:\n    - {name: o, input: f, topic: payments.o}\n");

    List<ValidationError> errors =
        withinCpu(Duration.ofSeconds(5), () -> validate(text.toString()));

    assertThat(errors).hasSize(1_800).allMatch(e -> e.code().equals("unknown-field"));
  }

  private static List<ValidationError> validate(String text) {
    return PipelineValidator.validate(text).errors();
  }

  /** A name of 63 characters that differs from the others of its kind only at its end. */
  private static String name(String kind, int index) {
    String end = kind + "-" + index;
    return "a".repeat(63 - end.length()) + end;
  }

  private static <T> T withinCpu(Duration limit, Supplier<T> work) {
    long started = THREADS.getCurrentThreadCpuTime();
    T result = work.get();
    Duration took = Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - started);
    assertThat(took).as("CPU time").isLessThan(limit);
    return result;
  }
}
