package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.DUPLICATE_TOPIC;
import static dev.tributary.pipeline.validation.ValidationCode.EVENT_TIME_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_FIELD_TYPE;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.EventTimeSpec;
import dev.tributary.pipeline.spec.KeySpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.validation.JsonPaths;
import dev.tributary.pipeline.validation.Node;
import dev.tributary.pipeline.validation.semantic.CheckContext.Partitions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sources and tables: the topic each reads, once per pipeline, the fields of its records, its key
 * and event time. Each becomes a {@link Node} that steps and sinks can read.
 */
final class InputChecks {

  private final CheckContext context;
  private final TopicChecks topics;
  private final FieldChecks fields;
  private final DurationChecks durations;

  InputChecks(
      CheckContext context, TopicChecks topics, FieldChecks fields, DurationChecks durations) {
    this.context = context;
    this.topics = topics;
    this.fields = fields;
    this.durations = durations;
  }

  void check() {
    sources();
    tables();
  }

  private void sources() {
    List<SourceSpec> sources = context.spec().sourcesOrEmpty();
    for (int i = 0; i < sources.size(); i++) {
      SourceSpec source = sources.get(i);
      String path = "spec.sources[" + i + "]";
      inputTopic(path + ".topic", source.topic(), "source '" + source.name() + "'");
      topics.format(path + ".format", source.formatOrDefault());
      Partitions declared =
          topics.partitions(path + ".partitions", source.partitions(), source.topic());
      RecordType type = recordType(path + ".fields", source.fields());
      String key = key(path + ".key", source.key(), type);
      EventTimeSpec eventTime = source.eventTime();
      if (eventTime != null) {
        if (eventTime.field() != null) {
          FieldType t = type.type(eventTime.field());
          if (t == null) {
            fields.unknownField(path + ".eventTime.field", eventTime.field(), type);
          } else if (t != FieldType.TIMESTAMP && t != FieldType.INT) {
            context.error(
                path + ".eventTime.field",
                EVENT_TIME_TYPE,
                "event time field '"
                    + eventTime.field()
                    + "' is "
                    + t
                    + "; it must be timestamp or int (epoch milliseconds)");
          }
        }
        if (eventTime.allowedLateness() != null) {
          durations.duration(
              path + ".eventTime.allowedLateness", eventTime.allowedLateness(), true);
          context.lateness().put(source.name(), eventTime.allowedLateness());
        }
      }
      context
          .nodes()
          .putIfAbsent(
              source.name(),
              new Node(
                  source.name(),
                  Node.Origin.SOURCE,
                  Node.Shape.STREAM,
                  type,
                  key,
                  Set.of(source.name())));
      context.partitions().putIfAbsent(source.name(), declared);
    }
  }

  private void tables() {
    List<TableSpec> tables = context.spec().tablesOrEmpty();
    for (int i = 0; i < tables.size(); i++) {
      TableSpec table = tables.get(i);
      String path = "spec.tables[" + i + "]";
      inputTopic(path + ".topic", table.topic(), "table '" + table.name() + "'");
      topics.format(path + ".format", table.formatOrDefault());
      Partitions declared =
          topics.partitions(path + ".partitions", table.partitions(), table.topic());
      RecordType type = recordType(path + ".fields", table.fields());
      String key = key(path + ".key", table.key(), type);
      if (table.versioned() != null) {
        durations.duration(path + ".versioned.history", table.versioned().history(), true);
        context.versionedTables().add(table.name());
      }
      context
          .nodes()
          .putIfAbsent(
              table.name(),
              new Node(table.name(), Node.Origin.TABLE, Node.Shape.TABLE, type, key, Set.of()));
      context.partitions().putIfAbsent(table.name(), declared);
    }
  }

  private void inputTopic(String path, String topic, String reader) {
    topics.topic(path, topic);
    String previous = context.readTopics().putIfAbsent(topic, reader);
    if (previous != null) {
      context.error(
          path,
          DUPLICATE_TOPIC,
          "topic '"
              + topic
              + "' is already read by "
              + previous
              + "; a pipeline reads each topic once (use one input and branch, filter or join from it)");
    }
  }

  private RecordType recordType(String path, Map<String, String> declared) {
    Map<String, FieldType> types = new LinkedHashMap<>();
    if (declared == null) {
      return RecordType.EMPTY;
    }
    // YAML splits `{m: map<string,int>}` at the comma into `m: map<string` and `int>: ''`; the
    // first half's error says what to do, so the second half is not reported on its own.
    boolean splitByComma = declared.values().stream().anyMatch(FieldTypeText::unclosed);
    declared.forEach(
        (name, typeText) -> {
          if (splitByComma && name.endsWith(">") && typeText.isEmpty()) {
            return;
          }
          String fieldPath = JsonPaths.member(path, name);
          fields.fieldName(fieldPath, name);
          FieldType type = FieldType.parse(typeText).orElse(null);
          if (type == null) {
            context.error(fieldPath, INVALID_FIELD_TYPE, FieldTypeText.notAType(typeText));
          }
          // A field of a type we cannot read is still a field: expressions using it should not
          // report it unknown on top.
          types.put(name, type == null ? FieldType.ANY : type);
        });
    return new RecordType(types);
  }

  private String key(String path, KeySpec key, RecordType type) {
    if (key == null || key.field() == null) {
      return null;
    }
    if (!type.has(key.field())) {
      fields.unknownField(path + ".field", key.field(), type);
      return null;
    }
    return key.field();
  }
}
