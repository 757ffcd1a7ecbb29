package dev.tributary.runtime.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.pipeline.plan.PipelinePlan;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.plan.TopicRole;
import dev.tributary.runtime.kafka.KafkaConnection;
import dev.tributary.runtime.testing.TestTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a broker that authenticates every client and authorizes every request, a pipeline's and a
 * team's credentials reach exactly what {@link AccessPlan} grants: each refusal is an authorization
 * error that arrives at once, never a timeout, and a revoked credential is gone with all its ACLs.
 */
class KafkaAccessIT {

  /** Far below the clients' own timeouts: a refusal must not be a timeout in disguise. */
  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(10);

  private static KafkaBroker broker;
  private static KafkaConnection platform;
  private static Admin admin;
  private static KafkaAccess access;

  private static final PipelinePlan ORDERS =
      new PipelinePlan(
          "shop.orders",
          "shop.orders-",
          List.of(
              topic("shop.payments", TopicRole.SOURCE),
              topic("shop.customers", TopicRole.TABLE),
              topic("shop.totals", TopicRole.SINK),
              topic("shop.dead-letters", TopicRole.DEAD_LETTER)));

  @BeforeAll
  static void startSecuredBroker() throws Exception {
    broker = KafkaBroker.builder().secured().start();
    platform = KafkaConnection.of(broker.bootstrapServers(), broker.adminPropertiesFile());
    admin = Admin.create(platform.clientProperties("access-it-admin"));
    access = new KafkaAccess(admin, Duration.ofSeconds(30));
    TestTopics.create(
        admin,
        Map.of(
            "shop.payments", 1,
            "shop.customers", 1,
            "shop.totals", 1,
            "shop.dead-letters", 1,
            "shop.other-store-changelog", 1,
            "bank.ledger", 1));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aClientWithoutCredentialsIsRefusedAtAuthentication() {
    KafkaConnection anonymous =
        KafkaConnection.plain(broker.bootstrapServers())
            .as(new KafkaCredential("nobody", "wrong-password"));
    Map<String, Object> settings = new HashMap<>(anonymous.clientProperties("access-it-nobody"));
    settings.put("security.protocol", "SASL_PLAINTEXT");
    try (KafkaProducer<String, String> producer = producer(settings)) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("shop.payments", "k", "v")).get())
          .hasCauseInstanceOf(SaslAuthenticationException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REFUSED_WITHIN);
    }
  }

  @Test
  void aPipelineReachesItsOwnTopicsGroupAndTransactionsOnly() throws Exception {
    KafkaCredential orders = KafkaCredential.generate(AccessPlan.pipelineUser("shop", "orders", 1));
    access.grant(Map.of(orders, AccessPlan.pipeline(orders.principal(), ORDERS)));
    KafkaConnection workers = platform.as(orders);

    try (KafkaProducer<String, String> producer =
        producer(workers.clientProperties("orders-producer"))) {
      producer.send(new ProducerRecord<>("shop.totals", "k", "v")).get(10, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>("shop.dead-letters", "k", "v")).get(10, TimeUnit.SECONDS);
      producer
          .send(new ProducerRecord<>("shop.orders-totals-changelog", "k", "v"))
          .get(10, TimeUnit.SECONDS);
      refusedAtOnce(
          () -> producer.send(new ProducerRecord<>("shop.payments", "k", "v")).get(),
          TopicAuthorizationException.class);
      refusedAtOnce(
          () -> producer.send(new ProducerRecord<>("bank.ledger", "k", "v")).get(),
          TopicAuthorizationException.class);
      refusedAtOnce(
          () -> producer.send(new ProducerRecord<>("shop.other-store-changelog", "k", "v")).get(),
          TopicAuthorizationException.class);
    }
    // Its own group reads its source; another team's topic and another group are refused.
    try (KafkaConsumer<String, String> consumer =
        consumer(workers.clientProperties("orders-consumer"), "shop.orders")) {
      consumer.subscribe(List.of("shop.payments"));
      ConsumerRecords<String, String> read = consumer.poll(Duration.ofSeconds(2));
      assertThat(read.partitions())
          .allMatch(partition -> partition.topic().equals("shop.payments"));
      consumer.commitSync();
      assertThat(consumer.committed(consumer.assignment())).isNotEmpty();
    }
    try (KafkaConsumer<String, String> consumer =
        consumer(workers.clientProperties("orders-consumer"), "shop.orders")) {
      consumer.subscribe(List.of("bank.ledger"));
      refusedAtOnce(() -> consumer.poll(Duration.ofSeconds(5)), TopicAuthorizationException.class);
    }
    try (KafkaConsumer<String, String> consumer =
        consumer(workers.clientProperties("orders-consumer"), "shop.other")) {
      consumer.subscribe(List.of("shop.payments"));
      refusedAtOnce(() -> consumer.poll(Duration.ofSeconds(5)), GroupAuthorizationException.class);
    }
    // Describing another team's topic is refused too: it does not even learn that it exists.
    try (Admin own = Admin.create(workers.clientProperties("orders-admin"))) {
      assertThat(own.listTopics().names().get(10, TimeUnit.SECONDS))
          .contains("shop.payments", "shop.totals")
          .doesNotContain("bank.ledger", "shop.other-store-changelog");
      refusedAtOnce(
          () -> own.describeTopics(List.of("bank.ledger")).allTopicNames().get(),
          TopicAuthorizationException.class);
    }
    // Transactions under its own application id only.
    Map<String, Object> own = new HashMap<>(workers.clientProperties("orders-tx"));
    own.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "shop.orders-7f3c-0");
    try (KafkaProducer<String, String> producer = producer(own)) {
      producer.initTransactions();
    }
    Map<String, Object> other = new HashMap<>(workers.clientProperties("orders-tx-other"));
    other.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "shop.other-7f3c-0");
    try (KafkaProducer<String, String> producer = producer(other)) {
      refusedAtOnce(producer::initTransactions, TransactionalIdAuthorizationException.class);
    }
  }

  @Test
  void aTeamCredentialStaysInsideItsPrefix() throws Exception {
    KafkaCredential apps = KafkaCredential.generate(AccessPlan.teamUser("shop", "checkout", 1));
    access.grant(Map.of(apps, AccessPlan.team(apps.principal(), "shop.")));
    KafkaConnection team = platform.as(apps);
    try (KafkaProducer<String, String> producer = producer(team.clientProperties("checkout"))) {
      producer.send(new ProducerRecord<>("shop.payments", "k", "v")).get(10, TimeUnit.SECONDS);
      refusedAtOnce(
          () -> producer.send(new ProducerRecord<>("bank.ledger", "k", "v")).get(),
          TopicAuthorizationException.class);
    }
    try (KafkaConsumer<String, String> consumer =
        consumer(team.clientProperties("checkout"), "bank.readers")) {
      consumer.subscribe(List.of("shop.payments"));
      refusedAtOnce(() -> consumer.poll(Duration.ofSeconds(5)), GroupAuthorizationException.class);
    }
    try (Admin teamAdmin = Admin.create(team.clientProperties("checkout-admin"))) {
      refusedAtOnce(
          () -> teamAdmin.createTopics(List.of(new NewTopic("shop.new", 1, (short) 1))).all().get(),
          TopicAuthorizationException.class);
    }
  }

  @Test
  void grantingAgainChangesNothingAndRevokingLeavesNothingBehind() throws Exception {
    KafkaCredential first = KafkaCredential.generate(AccessPlan.pipelineUser("shop", "refunds", 1));
    List<org.apache.kafka.common.acl.AclBinding> acls =
        AccessPlan.pipeline(first.principal(), ORDERS);
    access.grant(Map.of(first, acls));
    access.grant(Map.of(first, acls));
    assertThat(access.acls(first.principal())).containsExactlyInAnyOrderElementsOf(acls);

    // Fewer needs: the ACLs that are no longer needed go.
    List<org.apache.kafka.common.acl.AclBinding> fewer = acls.subList(0, 3);
    access.grant(Map.of(first, fewer));
    assertThat(access.acls(first.principal())).containsExactlyInAnyOrderElementsOf(fewer);

    access.revoke(List.of(first.username()));
    assertThat(access.acls(first.principal())).isEmpty();
    assertThat(access.users()).doesNotContain(first.username());
    access.revoke(List.of(first.username()));

    try (KafkaProducer<String, String> producer =
        producer(platform.as(first).clientProperties("revoked"))) {
      refusedAtOnce(
          () -> producer.send(new ProducerRecord<>("shop.totals", "k", "v")).get(),
          SaslAuthenticationException.class);
    }
  }

  private static void refusedAtOnce(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      Class<? extends Exception> refusal) {
    long started = System.nanoTime();
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
    assertThat(cause).isInstanceOf(refusal);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REFUSED_WITHIN);
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(
      Map<String, Object> settings, String group) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private static TopicPlan topic(String name, TopicRole role) {
    return new TopicPlan(name, role, OptionalInt.of(1), Map.of());
  }
}
