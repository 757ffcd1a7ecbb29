package dev.tributary.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting and stopping brokers; each test starts its own, unlike tests that use {@link
 * KafkaBrokerExtension}.
 */
class KafkaBrokerTest {

  @Test
  void closeStopsTheBrokerProcessAndDeletesItsTemporaryDataDir() {
    KafkaBroker broker = KafkaBroker.start();
    long pid = broker.pid();
    Path dataDir = broker.dataDir();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isPresent();

    broker.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void brokerRestartedOnItsDataDirKeepsItsTopics(@TempDir Path dataDir) throws Exception {
    try (KafkaBroker broker = KafkaBroker.builder().dataDir(dataDir).start();
        Admin admin = admin(broker)) {
      admin.createTopics(List.of(new NewTopic("payments", 1, (short) 1))).all().get();
    }

    try (KafkaBroker restarted = KafkaBroker.builder().dataDir(dataDir).start();
        Admin admin = admin(restarted)) {
      assertThat(admin.listTopics().names().get()).contains("payments");
    }
    assertThat(dataDir.resolve("server.log")).exists();
  }

  @Test
  void brokerLogHasNoJdkWarningsAboutTheLibrariesKafkaUses(@TempDir Path dataDir) throws Exception {
    try (KafkaBroker broker = KafkaBroker.builder().dataDir(dataDir).start();
        Admin admin = admin(broker)) {
      admin.createTopics(List.of(new NewTopic("payments", 1, (short) 1))).all().get();
    }

    // Kafka unmaps its index files with sun.misc.Unsafe when it shuts down (JDK 24+ warns).
    assertThat(Files.readString(dataDir.resolve("server.log")))
        .contains("shut down completed")
        .doesNotContain("sun.misc.Unsafe")
        .doesNotContain("WARNING: A restricted method");
  }

  @Test
  void portInUseIsReportedBeforeTheBrokerStarts() throws Exception {
    try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> KafkaBroker.builder().port(occupied.getLocalPort()).start())
          .isInstanceOf(KafkaBrokerException.class)
          .hasMessageContaining(
              "Port " + occupied.getLocalPort() + " on 127.0.0.1 is already in use");
    }
  }

  @Test
  void brokerThatExitsWhileStartingIsReportedWithTheTailOfItsLog(@TempDir Path dataDir) {
    // The storage tool accepts any class name; the broker fails when it loads the authorizer.
    KafkaBroker.Builder broken =
        KafkaBroker.builder()
            .dataDir(dataDir)
            .property("authorizer.class.name", "dev.tributary.NoSuchAuthorizer");

    assertThatThrownBy(broken::start)
        .isInstanceOf(KafkaBrokerException.class)
        .hasMessageContaining("The Kafka broker exited with code")
        .hasMessageContaining("Last lines of " + dataDir.resolve("server.log"))
        .hasMessageContaining("dev.tributary.NoSuchAuthorizer");
  }

  @Test
  void invalidSettingIsReportedByTheStorageFormatAndTheTemporaryDataDirRemoved() throws Exception {
    List<Path> before = tributaryTempDirs();

    assertThatThrownBy(() -> KafkaBroker.builder().property("num.partitions", "zero").start())
        .isInstanceOf(KafkaBrokerException.class)
        .hasMessageContaining("Formatting the Kafka storage failed")
        .hasMessageContaining("num.partitions");
    assertThat(tributaryTempDirs()).isEqualTo(before);
  }

  @Test
  void brokerClasspathHasTheBrokersOwnKafkaClientsNotTheApplications() {
    List<String> entries = List.of(BrokerClasspath.locate().split(File.pathSeparator));

    assertThat(entries).anyMatch(entry -> entry.endsWith("kafka_2.13-4.4.0.jar"));
    assertThat(entries).anyMatch(entry -> entry.endsWith("kafka-tools-4.4.0.jar"));
    assertThat(entries).anyMatch(entry -> entry.endsWith("log4j-slf4j-impl-2.25.5.jar"));
    assertThat(entries)
        .filteredOn(entry -> entry.contains("kafka-clients-"))
        .singleElement()
        .satisfies(entry -> assertThat(entry).endsWith("kafka-clients-4.4.0.jar"));
  }

  @Test
  void missingClasspathFileNamesTheBuildThatWritesIt(@TempDir Path dir) {
    assertThatThrownBy(() -> BrokerClasspath.read(dir.resolve("kafka-broker.classpath")))
        .isInstanceOf(KafkaBrokerException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("./mvnw -pl local-stack -am clean install");
  }

  private static Admin admin(KafkaBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static List<Path> tributaryTempDirs() throws Exception {
    try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return paths
          .filter(path -> path.getFileName().toString().startsWith("tributary-kafka-"))
          .sorted()
          .toList();
    }
  }
}
