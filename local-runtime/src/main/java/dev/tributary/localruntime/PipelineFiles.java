package dev.tributary.localruntime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

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
 *   <li>{@code application-id} — the application id (and consumer group) of the generation of the
 *       state the workers run; a {@code reset-state} update starts another one;
 *   <li>{@code retired-applications} — application ids of earlier generations whose consumer group,
 *       internal topics and state folders are removed once the current one is Running;
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

  /** The application id whose workers ran last, or null before the first ran. */
  String applicationId() throws IOException {
    Path file = directory.resolve("application-id");
    return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
  }

  void applicationId(String applicationId) throws IOException {
    replace(directory.resolve("application-id"), applicationId + "\n");
  }

  /** Earlier generations' application ids still to be removed, oldest first. */
  List<String> retired() throws IOException {
    Path file = directory.resolve("retired-applications");
    return Files.isRegularFile(file)
        ? Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList()
        : List.of();
  }

  /** Records that {@code retire} is to be removed, and that {@code keep} is not (any more). */
  void retire(String retire, String keep) throws IOException {
    List<String> ids = new ArrayList<>(retired());
    ids.remove(keep);
    if (retire != null && !ids.contains(retire)) {
      ids.add(retire);
    }
    replace(directory.resolve("retired-applications"), String.join("\n", ids) + "\n");
  }

  void retired(String removed) throws IOException {
    List<String> ids = new ArrayList<>(retired());
    ids.remove(removed);
    replace(directory.resolve("retired-applications"), String.join("\n", ids) + "\n");
  }

  /** Removes every replica's state folder of an application id. */
  void deleteState(String applicationId) throws IOException {
    Path states = directory.resolve("state");
    if (!Files.isDirectory(states)) {
      return;
    }
    try (var replicas = Files.list(states)) {
      for (Path replica : replicas.toList()) {
        deleteTree(replica.resolve(applicationId));
      }
    }
  }

  private void replace(Path file, String text) throws IOException {
    Files.createDirectories(directory);
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, text);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  Path writeRevision(long revision, String document) throws IOException {
    Path file = revision(revision);
    Files.createDirectories(file.getParent());
    Files.writeString(file, document);
    return file;
  }

  void deleteAll() throws IOException {
    deleteTree(directory);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
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
