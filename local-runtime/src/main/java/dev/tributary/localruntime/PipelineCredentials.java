package dev.tributary.localruntime;

import dev.tributary.pipeline.plan.PipelinePlan;
import dev.tributary.runtime.access.AccessPlan;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.access.KafkaAccessException;
import dev.tributary.runtime.access.KafkaCredential;
import dev.tributary.runtime.kafka.KafkaConnection;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka identity of each pipeline's workers on a secured cluster: a SCRAM user per pipeline and
 * generation ({@code pipeline.<team>.<name>.<generation>}) with the ACLs of {@link AccessPlan},
 * written for the workers to a client properties file that only this host's user can read ({@link
 * PipelineFiles#kafkaClientProperties()}). The platform's admin identity never reaches a worker.
 */
final class PipelineCredentials {

  private static final String USERNAME = "tributary.username";
  private static final String PASSWORD = "tributary.password";
  private static final String GENERATION = "tributary.generation";

  private final KafkaConnection platform;
  private final KafkaAccess access;

  PipelineCredentials(KafkaConnection platform, KafkaAccess access) {
    this.platform = platform;
    this.access = access;
  }

  /**
   * Gives the pipeline's current credential (made on first use) exactly the ACLs its plan needs,
   * and writes the workers' file.
   */
  void grant(PipelineFiles files, PipelineKey key, PipelinePlan plan)
      throws KafkaAccessException, IOException {
    Stored current = read(files);
    KafkaCredential credential =
        current != null
            ? current.credential()
            : KafkaCredential.generate(AccessPlan.pipelineUser(key.team(), key.name(), 1));
    int generation = current != null ? current.generation() : 1;
    access.grant(Map.of(credential, AccessPlan.pipeline(credential.principal(), plan)));
    if (current == null) {
      write(files, credential, generation);
    }
  }

  /**
   * Makes the next generation's credential with the same ACLs and writes it for the workers that
   * start from now on; the previous generation keeps working until {@link #revoke} removes it.
   *
   * @return the previous generation's user name
   */
  String rotate(PipelineFiles files, PipelineKey key, PipelinePlan plan)
      throws KafkaAccessException, IOException {
    Stored current = read(files);
    if (current == null) {
      throw new IllegalStateException("pipeline " + key + " has no Kafka credential yet");
    }
    int generation = current.generation() + 1;
    KafkaCredential next =
        KafkaCredential.generate(AccessPlan.pipelineUser(key.team(), key.name(), generation));
    access.grant(Map.of(next, AccessPlan.pipeline(next.principal(), plan)));
    write(files, next, generation);
    return current.credential().username();
  }

  /** The user name of the pipeline's current credential, if it has one. */
  String currentUser(PipelineFiles files) throws IOException {
    Stored current = read(files);
    return current == null ? null : current.credential().username();
  }

  void revoke(String username) throws KafkaAccessException {
    access.revoke(List.of(username));
  }

  /** Removes every generation's user of the pipeline and all their ACLs. */
  void revokeAll(PipelineKey key) throws KafkaAccessException {
    access.revoke(AccessPlan.pipelineUsers(access.users(), key.team(), key.name()));
  }

  private record Stored(KafkaCredential credential, int generation) {}

  private static Stored read(PipelineFiles files) throws IOException {
    Path file = files.kafkaClientProperties();
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    String username = properties.getProperty(USERNAME);
    String password = properties.getProperty(PASSWORD);
    if (username == null || password == null) {
      return null;
    }
    return new Stored(
        new KafkaCredential(username, password),
        Integer.parseInt(properties.getProperty(GENERATION, "1")));
  }

  private void write(PipelineFiles files, KafkaCredential credential, int generation)
      throws IOException {
    Path file = files.kafkaClientProperties();
    Path directory = file.getParent();
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    Path next = directory.resolve(file.getFileName() + ".next");
    Files.deleteIfExists(next);
    Files.createFile(
        next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer writer = Files.newBufferedWriter(next)) {
      writer.write(
          platform
              .as(credential)
              .propertiesText(
                  "The Kafka identity of this pipeline's workers; readable by its owner only"));
      Properties own = new Properties();
      own.setProperty(USERNAME, credential.username());
      own.setProperty(PASSWORD, credential.password());
      own.setProperty(GENERATION, Integer.toString(generation));
      own.store(writer, null);
    }
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
