package dev.tributary.worker.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.validation.JoinPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The view a join's select reads is the merged record, for every read a step can make. */
class JoinMergeTest {

  private static final RecordType LEFT =
      new RecordType(Map.of("txId", FieldType.STRING, "cardId", FieldType.STRING));
  private static final Map<String, String> RIGHT_NAMES = new LinkedHashMap<>();

  static {
    RIGHT_NAMES.put("cardId", "cards_cardId");
    RIGHT_NAMES.put("holder", "holder");
    RIGHT_NAMES.put("txId", "txId");
  }

  private static final JoinPlan PLAN =
      new JoinPlan(
          JoinPlan.Shape.STREAM_TABLE,
          LEFT.with("cards_cardId", FieldType.STRING).with("holder", FieldType.STRING),
          RIGHT_NAMES);

  @Test
  void viewReadsAsTheMergedRecord() {
    JoinMerge merge = new JoinMerge(LEFT, PLAN);
    Map<String, Object> leftWithExtra = new LinkedHashMap<>(Map.of("txId", "t1"));
    leftWithExtra.put("note", null);
    leftWithExtra.put("extra", 1L);
    Map<String, Object> rightWithNull = new HashMap<>();
    rightWithNull.put("cardId", "c1");
    rightWithNull.put("holder", null);
    List<Map<String, Object>> lefts = new ArrayList<>();
    lefts.add(null);
    lefts.add(Map.of());
    lefts.add(leftWithExtra);
    List<Map<String, Object>> rights = new ArrayList<>();
    rights.add(null);
    rights.add(Map.of("cardId", "c1", "holder", "Ann", "txId", "from-right"));
    rights.add(rightWithNull);

    for (Map<String, Object> left : lefts) {
      for (Map<String, Object> right : rights) {
        Map<String, Object> merged = merge.apply(left, right);
        Map<String, Object> view = merge.view(left, right);
        for (String name :
            List.of("txId", "cardId", "cards_cardId", "holder", "note", "extra", "other")) {
          assertThat(view.get(name))
              .as("%s of %s, %s", name, left, right)
              .isEqualTo(merged.get(name));
          assertThat(view.containsKey(name))
              .as("has %s in %s, %s", name, left, right)
              .isEqualTo(merged.containsKey(name));
        }
        assertThat(new ArrayList<>(view.entrySet())).isEqualTo(new ArrayList<>(merged.entrySet()));
        assertThat(view).isEqualTo(merged);
      }
    }
  }
}
