package dev.tributary.runtime.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/status.md lists exactly the reasons the code can set, each under its condition type. */
class ConditionReasonDocsTest {

  private static final Path DOC = Path.of("..", "docs", "status.md");
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| `(\\w+)` \\| (.+) \\|$");

  @Test
  void theDocumentedReasonsAreExactlyTheEnumsReasons() throws IOException {
    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        documented.put(row.group(1), row.group(2));
      }
    }
    Map<String, String> inCode = new LinkedHashMap<>();
    Arrays.stream(ConditionReason.values()).forEach(r -> inCode.put(r.wire(), r.conditionType()));

    assertThat(documented)
        .as("reasons in %s (reason → condition type) against ConditionReason", DOC)
        .containsExactlyInAnyOrderEntriesOf(inCode);
  }

  @Test
  void reasonsAreCamelCaseWords() {
    assertThat(ConditionReason.values())
        .allSatisfy(r -> assertThat(r.wire()).matches("[A-Z][A-Za-z]+"));
  }
}
