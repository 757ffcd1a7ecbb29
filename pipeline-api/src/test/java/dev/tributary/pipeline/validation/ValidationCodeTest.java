package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The table of error codes in the language reference lists exactly the codes the validator has. */
class ValidationCodeTest {

  private static final String REFERENCE = "docs/pipeline-reference.md";
  private static final String TABLE_HEADER = "| code | pass | meaning |";

  /** Each row of the reference's table: the code to its meaning. */
  private static Map<String, String> documented;

  private static List<String> documentedTwice;

  @BeforeAll
  static void readTheReferenceTable() throws IOException {
    List<String> lines = Files.readAllLines(Repository.path(REFERENCE));
    int header = lines.indexOf(TABLE_HEADER);
    assertThat(header)
        .as("%s has a table of error codes headed '%s'", REFERENCE, TABLE_HEADER)
        .isNotNegative();
    documented = new LinkedHashMap<>();
    documentedTwice = new ArrayList<>();
    // The header, then the line under it, then one row per code up to the first line that is none.
    for (String row : lines.subList(header + 2, lines.size())) {
      if (!row.startsWith("|")) {
        break;
      }
      String[] cells = row.substring(1, row.lastIndexOf('|')).split("\\|", -1);
      String code = cells[0].strip().replace("`", "");
      if (documented.put(code, cells[cells.length - 1].strip()) != null) {
        documentedTwice.add(code);
      }
    }
  }

  @Test
  void referenceTableListsEveryCodeAndNoOther() {
    Set<String> codes =
        Arrays.stream(ValidationCode.values())
            .map(ValidationCode::value)
            .collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>(codes);
    missing.removeAll(documented.keySet());
    Set<String> extra = new TreeSet<>(documented.keySet());
    extra.removeAll(codes);

    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(missing)
        .as("codes of ValidationCode missing from the table in %s", REFERENCE)
        .isEmpty();
    softly
        .assertThat(extra)
        .as("codes in the table of %s that ValidationCode does not have", REFERENCE)
        .isEmpty();
    softly
        .assertThat(documentedTwice)
        .as("codes listed twice in the table of %s", REFERENCE)
        .isEmpty();
    softly.assertAll();
  }

  @Test
  void referenceTableDescribesEachCodeAsValidationCodeDoes() {
    SoftAssertions softly = new SoftAssertions();
    for (ValidationCode code : ValidationCode.values()) {
      if (documented.containsKey(code.value())) {
        softly
            .assertThat(documented.get(code.value()))
            .as(
                "the meaning of %s in %s, and ValidationCode.%s's description",
                code.value(), REFERENCE, code.name())
            .isEqualTo(code.description());
      }
    }
    softly.assertAll();
  }

  @Test
  void everyCodeHasAValueOfItsOwn() {
    assertThat(ValidationCode.values()).extracting(ValidationCode::value).doesNotHaveDuplicates();
  }
}
