package dev.tributary.localstack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The server.properties of a single-node KRaft cluster: one process, broker and controller. */
final class ServerProperties {

  private ServerProperties() {}

  static Map<String, String> singleNode(
      int port, int controllerPort, Path logDirs, Map<String, String> overrides) {
    String host = KafkaBroker.HOST;
    Map<String, String> server = new LinkedHashMap<>();
    server.put("process.roles", "broker,controller");
    server.put("node.id", "1");
    server.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    server.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    server.put("inter.broker.listener.name", "PLAINTEXT");
    server.put("controller.listener.names", "CONTROLLER");
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
    server.putAll(overrides);
    return server;
  }
}
