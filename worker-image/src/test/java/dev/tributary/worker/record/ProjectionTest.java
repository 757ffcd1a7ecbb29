package dev.tributary.worker.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A select's record reads, iterates and is written exactly as the map it replaces. */
class ProjectionTest {

  private static final Projection.Layout LAYOUT =
      new Projection.Layout(new String[] {"txId", "amount", "missing", "tags"});

  @Test
  void readsIteratesAndWritesAsALinkedHashMap() {
    Projection projection = new Projection(LAYOUT, new Object[] {"t1", 2.5, null, List.of("a")});
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("txId", "t1");
    map.put("amount", 2.5);
    map.put("missing", null);
    map.put("tags", List.of("a"));

    for (String name : List.of("txId", "amount", "missing", "tags", "other")) {
      assertThat(projection.get(name)).isEqualTo(map.get(name));
      assertThat(projection.containsKey(name)).isEqualTo(map.containsKey(name));
    }
    assertThat(new ArrayList<>(projection.entrySet())).isEqualTo(new ArrayList<>(map.entrySet()));
    List<String> visited = new ArrayList<>();
    projection.forEach((name, value) -> visited.add(name + "=" + value));
    assertThat(visited).containsExactly("txId=t1", "amount=2.5", "missing=null", "tags=[a]");
    assertThat(projection).isEqualTo(map).hasSameHashCodeAs(map);
    assertThat(new String(RecordJson.write(projection), StandardCharsets.UTF_8))
        .isEqualTo(new String(RecordJson.write(map), StandardCharsets.UTF_8));
    assertThat(new LinkedHashMap<>(projection)).isEqualTo(map);
  }

  @Test
  void isReadOnly() {
    Projection projection = new Projection(LAYOUT, new Object[] {"t1", 2.5, null, List.of()});

    assertThatThrownBy(() -> projection.put("txId", "t2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
