package dev.tributary.localstack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The server.properties of a single-node KRaft cluster: one process, broker and controller. */
final class ServerProperties {

  private ServerProperties() {}

  static Map<String, String> singleNode(
      int port,
      int controllerPort,
      Path logDirs,
      AdminCredential admin,
      Map<String, String> overrides) {
    String host = KafkaBroker.HOST;
    Map<String, String> server = new LinkedHashMap<>();
    server.put("process.roles", "broker,controller");
    server.put("node.id", "1");
    server.put(
        "listeners",
        "CLIENT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    server.put("inter.broker.listener.name", "CLIENT");
    server.put("controller.listener.names", "CONTROLLER");
    if (admin == null) {
      server.put("listener.security.protocol.map", "CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    } else {
      secured(server, admin);
    }
    // A dynamic quorum (KIP-853), formatted with --standalone; controller.quorum.voters would
    // declare a static one.
    server.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
    server.put("log.dirs", logDirs.toString());
    server.put("num.partitions", "1");
    // One broker, so internal topics have one replica. Fewer partitions than the default 50 make
    // the first consumer group and the first transaction start faster and map fewer index files.
    server.put("offsets.topic.replication.factor", "1");
    server.put("offsets.topic.num.partitions", "5");
    server.put("transaction.state.log.replication.factor", "1");
    server.put("transaction.state.log.min.isr", "1");
    server.put("transaction.state.log.num.partitions", "5");
    server.put("share.coordinator.state.topic.replication.factor", "1");
    server.put("share.coordinator.state.topic.min.isr", "1");
    // The default 3 s delay lets more members join a new group's first rebalance; tests would
    // only wait for it.
    server.put("group.initial.rebalance.delay.ms", "0");
    // A metadata snapshot at most 10 s after a change, where Kafka's default waits an hour or 20
    // MB.
    // Kafka 4.4 loses every SCRAM credential of a mechanism when it rebuilds its metadata image
    // from the log alone and meets a removed user's record before the remaining users' (its
    // ScramDelta.apply drops the mechanism once a removal empties the map it is filling): a broker
    // restarted after pipelines were deleted would refuse even its admin. Loaded from a snapshot,
    // the image already holds the users, and later removals never empty it.
    server.put("metadata.log.max.snapshot.interval.ms", "10000");
    // The controller writes a record every half second, so a snapshot follows every 10 s: older
    // snapshots and log segments go after 15 minutes instead of a week.
    server.put("metadata.max.retention.ms", "900000");
    server.putAll(overrides);
    return server;
  }

  /**
   * Every listener authenticates and every request is authorized by ACLs. Clients and the broker
   * itself use SCRAM-SHA-512 on the client listener; the controller listener uses PLAIN, because
   * SCRAM credentials live in the metadata log the controller serves. Only the admin identity is a
   * super user, and a principal without an ACL that allows a request is refused.
   */
  private static void secured(Map<String, String> server, AdminCredential admin) {
    server.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    server.put("sasl.enabled.mechanisms", AdminCredential.MECHANISM);
    server.put("sasl.mechanism.inter.broker.protocol", AdminCredential.MECHANISM);
    server.put(
        "listener.name.client." + AdminCredential.MECHANISM.toLowerCase() + ".sasl.jaas.config",
        admin.scramJaasConfig());
    server.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    server.put("sasl.mechanism.controller.protocol", "PLAIN");
    server.put("listener.name.controller.plain.sasl.jaas.config", admin.plainJaasConfig());
    server.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    server.put("super.users", "User:" + admin.username());
    server.put("allow.everyone.if.no.acl.found", "false");
  }
}
