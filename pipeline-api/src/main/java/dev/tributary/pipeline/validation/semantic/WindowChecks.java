package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.GRACE_BELOW_LATENESS;
import static dev.tributary.pipeline.validation.ValidationCode.GRACE_MISSING;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_WINDOW;
import static dev.tributary.pipeline.validation.ValidationCode.MISSING_FIELD;
import static dev.tributary.pipeline.validation.semantic.DurationChecks.fmt;

import dev.tributary.pipeline.spec.WindowSpec;
import dev.tributary.pipeline.spec.WindowType;
import dev.tributary.pipeline.validation.Node;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Windows of aggregates, and the grace of every window and stream-stream join: each window type has
 * the durations it needs and no other, and grace keeps what the sources allow to be late.
 */
final class WindowChecks {

  private final CheckContext context;
  private final FieldChecks fields;
  private final DurationChecks durations;

  WindowChecks(CheckContext context, FieldChecks fields, DurationChecks durations) {
    this.context = context;
    this.fields = fields;
    this.durations = durations;
  }

  void window(String path, WindowSpec window, Node input) {
    WindowType type = window.type();
    switch (type) {
      case TUMBLING, SLIDING -> {
        required(path + ".size", window.size(), type);
        fields.notApplicable(path + ".advance", window.advance(), type);
        fields.notApplicable(path + ".gap", window.gap(), type);
      }
      case HOPPING -> {
        required(path + ".size", window.size(), type);
        required(path + ".advance", window.advance(), type);
        fields.notApplicable(path + ".gap", window.gap(), type);
        if (window.size() != null
            && window.advance() != null
            && window.advance().compareTo(window.size()) > 0) {
          context.error(
              path + ".advance",
              INVALID_WINDOW,
              "a hopping window's advance ("
                  + fmt(window.advance())
                  + ") cannot exceed its size ("
                  + fmt(window.size())
                  + "); records would fall between windows");
        }
      }
      case SESSION -> {
        required(path + ".gap", window.gap(), type);
        fields.notApplicable(path + ".size", window.size(), type);
        fields.notApplicable(path + ".advance", window.advance(), type);
      }
    }
    durations.duration(path + ".size", window.size(), false);
    durations.duration(path + ".advance", window.advance(), false);
    durations.duration(path + ".gap", window.gap(), false);
    grace(path, window.grace(), input.sources(), "window");
  }

  /**
   * Checks the grace of a window or a stream-stream join.
   *
   * @param sources the sources whose records it sees, with their allowed lateness
   * @param what "window" or the kind of join, as messages name it
   */
  void grace(String path, Duration grace, Set<String> sources, String what) {
    if (grace == null) {
      context.error(
          path + ".grace",
          GRACE_MISSING,
          "every "
              + what
              + " states its grace: how long after its end late records still count (for example grace: 30s; 0s drops every late record)");
      return;
    }
    if (!durations.duration(path + ".grace", grace, true)) {
      return;
    }
    for (String source : new TreeSet<>(sources)) {
      Duration allowed = context.lateness().get(source);
      if (allowed != null && grace.compareTo(allowed) < 0) {
        context.error(
            path + ".grace",
            GRACE_BELOW_LATENESS,
            "grace "
                + fmt(grace)
                + " is shorter than the allowedLateness "
                + fmt(allowed)
                + " of source '"
                + source
                + "': records the source allows would be dropped; raise grace to at least "
                + fmt(allowed));
      }
    }
  }

  private void required(String path, Duration value, WindowType type) {
    if (value == null) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      context.error(path, MISSING_FIELD, "a " + type.value() + " window needs '" + field + "'");
    }
  }
}
