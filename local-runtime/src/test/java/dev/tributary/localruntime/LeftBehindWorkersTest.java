package dev.tributary.localruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes stand in for workers of a runtime that was killed: a shell whose command line
 * names the worker jar, as {@code java -jar <worker jar>} would.
 */
class LeftBehindWorkersTest {

  @TempDir Path root;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void workersOfAnEarlierRunAreStoppedWhateverTheirPipeline() throws Exception {
    Path jar = root.resolve("worker-image.jar");
    Process first = pretendWorker(jar);
    Process second = pretendWorker(jar);
    writePid(PipelineFiles.under(root, new PipelineKey("payments", "fraud")).pidFile(0), first.pid());
    writePid(PipelineFiles.under(root, new PipelineKey("logistics", "eta")).pidFile(3), second.pid());
    Thread.sleep(20); // the processes must have started before the runtime

    int ended = new LeftBehindWorkers(jar, Instant.now()).endAll(root, Duration.ofSeconds(10));

    assertThat(ended).isEqualTo(2);
    assertThat(first.isAlive()).isFalse();
    assertThat(second.isAlive()).isFalse();
  }

  @Test
  void aProcessThatIsNoWorkerIsLeftAlone() throws Exception {
    Process other = pretendWorker(root.resolve("something-else.jar"));
    writePid(PipelineFiles.under(root, new PipelineKey("payments", "fraud")).pidFile(0), other.pid());
    Thread.sleep(20);

    int ended = new LeftBehindWorkers(root.resolve("worker-image.jar"), Instant.now())
        .endAll(root, Duration.ofSeconds(5));

    assertThat(ended).isZero();
    assertThat(other.isAlive()).isTrue();
  }

  @Test
  void aWorkerStartedAfterTheRuntimeIsNotLeftBehind() throws Exception {
    Path jar = root.resolve("worker-image.jar");
    Instant runtimeStartedAt = Instant.now().minusSeconds(60);
    Process own = pretendWorker(jar);
    writePid(PipelineFiles.under(root, new PipelineKey("payments", "fraud")).pidFile(0), own.pid());

    int ended = new LeftBehindWorkers(jar, runtimeStartedAt).endAll(root, Duration.ofSeconds(5));

    assertThat(ended).isZero();
    assertThat(own.isAlive()).isTrue();
  }

  private Process pretendWorker(Path jar) throws IOException {
    Process process = new ProcessBuilder("sh", "-c", "sleep 300", jar.toString()).start();
    started.add(process);
    return process;
  }

  private static void writePid(Path pidFile, long pid) throws IOException {
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, Long.toString(pid));
  }
}
