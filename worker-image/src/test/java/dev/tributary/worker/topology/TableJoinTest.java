package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class TableJoinTest {

  private static final String CUSTOMERS_AND_ACCOUNTS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: crm, team: t}
      spec:
        tables:
          - name: customers
            topic: t.customers
            key: {field: id}
            fields: {id: string, name: string}
          - name: accounts
            topic: t.accounts
            key: {field: id}
            fields: {id: string, tier: string}
        steps:
          - name: profiles
            input: customers
            join: {with: accounts, type: %s}
        sinks:
          - {name: out, input: profiles, topic: t.profiles}
      """;

  private static final String ORDERS_AND_CUSTOMERS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: crm, team: t}
      spec:
        tables:
          - name: orders
            topic: t.orders
            key: {field: orderId}
            fields: {orderId: string, customerId: string}
          - name: customers
            topic: t.customers
            key: {field: id}
            fields: {id: string, name: string}
        steps:
          - name: orders-with-customer
            input: orders
            join: {with: customers, type: %s, foreignKey: customerId}
        sinks:
          - {name: out, input: orders-with-customer, topic: t.out}
      """;

  private static PipelineDriver tableTable(String type) {
    return PipelineDriver.of(CUSTOMERS_AND_ACCOUNTS.formatted(type));
  }

  private static PipelineDriver foreignKey(String type) {
    return PipelineDriver.of(ORDERS_AND_CUSTOMERS.formatted(type));
  }

  private static String profile(String name, String accountId, String tier) {
    return "{\"id\":"
        + quoted(name == null ? null : "c1")
        + ",\"name\":"
        + quoted(name)
        + ",\"accounts_id\":"
        + quoted(accountId)
        + ",\"tier\":"
        + quoted(tier)
        + "}";
  }

  /** Order o1 joined with its customer; id and name are JSON values (quoted or null). */
  private static String order(String customerId, String id, String name) {
    return "{\"orderId\":\"o1\",\"customerId\":\""
        + customerId
        + "\",\"id\":"
        + id
        + ",\"name\":"
        + name
        + "}";
  }

  private static String quoted(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }

  @Test
  void innerTableJoinFollowsBothSidesAndDeletesWhenOneSideGoes() {
    try (PipelineDriver pipeline = tableTable("inner")) {
      pipeline
          .pipe("t.customers", "c1", "{\"id\":\"c1\",\"name\":\"Ann\"}", T0)
          .pipe("t.accounts", "c1", "{\"id\":\"c1\",\"tier\":\"gold\"}", T0)
          .pipe("t.customers", "c1", "{\"id\":\"c1\",\"name\":\"Anne\"}", T0)
          .pipe("t.accounts", "c1", null, T0);

      assertThat(pipeline.read("t.profiles"))
          .containsExactly(
              KeyValue.pair("c1", profile("Ann", "c1", "gold")),
              KeyValue.pair("c1", profile("Anne", "c1", "gold")),
              KeyValue.pair("c1", null));
    }
  }

  @Test
  void leftTableJoinKeepsTheLeftRowWithNulls() {
    try (PipelineDriver pipeline = tableTable("left")) {
      pipeline
          .pipe("t.customers", "c1", "{\"id\":\"c1\",\"name\":\"Ann\"}", T0)
          .pipe("t.accounts", "c1", "{\"id\":\"c1\",\"tier\":\"gold\"}", T0)
          .pipe("t.accounts", "c1", null, T0)
          .pipe("t.customers", "c1", null, T0);

      assertThat(pipeline.read("t.profiles"))
          .containsExactly(
              KeyValue.pair("c1", profile("Ann", null, null)),
              KeyValue.pair("c1", profile("Ann", "c1", "gold")),
              KeyValue.pair("c1", profile("Ann", null, null)),
              KeyValue.pair("c1", null));
    }
  }

  @Test
  void outerTableJoinKeepsRowsOfEitherSide() {
    try (PipelineDriver pipeline = tableTable("outer")) {
      pipeline
          .pipe("t.accounts", "c1", "{\"id\":\"c1\",\"tier\":\"silver\"}", T0)
          .pipe("t.customers", "c1", "{\"id\":\"c1\",\"name\":\"Ann\"}", T0);

      assertThat(pipeline.read("t.profiles"))
          .containsExactly(
              KeyValue.pair("c1", profile(null, "c1", "silver")),
              KeyValue.pair("c1", profile("Ann", "c1", "silver")));
    }
  }

  @Test
  void foreignKeyJoinFollowsTheRowTheKeyPointsTo() {
    try (PipelineDriver pipeline = foreignKey("inner")) {
      pipeline
          .pipe("t.customers", "c1", "{\"id\":\"c1\",\"name\":\"Ann\"}", T0)
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"customerId\":\"c1\"}", T0)
          .pipe("t.customers", "c1", "{\"id\":\"c1\",\"name\":\"Anne\"}", T0)
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"customerId\":\"c2\"}", T0);

      assertThat(pipeline.read("t.out"))
          .containsExactly(
              KeyValue.pair("o1", order("c1", "\"c1\"", "\"Ann\"")),
              KeyValue.pair("o1", order("c1", "\"c1\"", "\"Anne\"")),
              KeyValue.pair("o1", null));
    }
  }

  @Test
  void leftForeignKeyJoinWritesNullsWhenTheKeyPointsNowhere() {
    try (PipelineDriver pipeline = foreignKey("left")) {
      pipeline
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"customerId\":\"c9\"}", T0)
          .pipe("t.customers", "c9", "{\"id\":\"c9\",\"name\":\"Bo\"}", T0)
          .pipe("t.customers", "c9", null, T0);

      assertThat(pipeline.read("t.out"))
          .containsExactly(
              KeyValue.pair("o1", order("c9", "null", "null")),
              KeyValue.pair("o1", order("c9", "\"c9\"", "\"Bo\"")),
              KeyValue.pair("o1", order("c9", "null", "null")));
    }
  }
}
