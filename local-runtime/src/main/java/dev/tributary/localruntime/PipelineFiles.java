package dev.tributary.localruntime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a pipeline's files live on this host: {@code <root>/<team>/<name>/} with
 *
 * <ul>
 *   <li>{@code revisions/revision-<n>.yaml} — the document of each applied revision, as given;
 *   <li>{@code state/replica-<i>/} — the Kafka Streams state directory of replica slot i, kept
 *       across restarts and updates so that state stores need not be restored;
 *   <li>{@code logs/replica-<i>.log} — everything the workers of slot i printed, appended;
 *   <li>{@code logs/replica-<i>.pid} — the process id of slot i's worker, to find one left behind
 *       by a runtime that was killed;
 *   <li>{@code kafka/client.properties} — on a secured cluster, the Kafka identity of the
 *       pipeline's workers, readable only by the runtime's user (directory 0700, file 0600).
 * </ul>
 */
public record PipelineFiles(Path directory) {

  public static PipelineFiles under(Path root, PipelineKey key) {
    return new PipelineFiles(root.resolve(key.team()).resolve(key.name()));
  }

  public Path revision(long revision) {
    return directory.resolve("revisions").resolve("revision-" + revision + ".yaml");
  }

  public Path stateDirectory(int replica) {
    return directory.resolve("state").resolve("replica-" + replica);
  }

  public Path log(int replica) {
    return directory.resolve("logs").resolve("replica-" + replica + ".log");
  }

  public Path pidFile(int replica) {
    return directory.resolve("logs").resolve("replica-" + replica + ".pid");
  }

  public Path kafkaClientProperties() {
    return directory.resolve("kafka").resolve("client.properties");
  }

  Path writeRevision(long revision, String document) throws IOException {
    Path file = revision(revision);
    Files.createDirectories(file.getParent());
    Files.writeString(file, document);
    return file;
  }

  void deleteAll() throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
