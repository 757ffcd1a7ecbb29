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
    PipelineFiles fraud = PipelineFiles.under(root, new PipelineKey("payments", "fraud"));
    PipelineFiles eta = PipelineFiles.under(root, new PipelineKey("logistics", "eta"));
    Process first = pretendWorker(jar, fraud.stateDirectory(0));
    Process second = pretendWorker(jar, eta.stateDirectory(3));
    writePid(fraud.pidFile(0), first.pid());
    writePid(eta.pidFile(3), second.pid());
    Thread.sleep(20); // the processes must have started before the runtime

    int ended = new LeftBehindWorkers(jar, Instant.now()).endAll(root, Duration.ofSeconds(10));

    assertThat(ended).isEqualTo(2);
    assertThat(first.isAlive()).isFalse();
    assertThat(second.isAlive()).isFalse();
  }

  @Test
  void aProcessThatIsNoWorkerIsLeftAlone() throws Exception {
    PipelineFiles files = PipelineFiles.under(root, new PipelineKey("payments", "fraud"));
    Process other = pretendWorker(root.resolve("something-else.jar"), files.stateDirectory(0));
    writePid(files.pidFile(0), other.pid());
    Thread.sleep(20);

    int ended =
        new LeftBehindWorkers(root.resolve("worker-image.jar"), Instant.now())
            .endAll(root, Duration.ofSeconds(5));

    assertThat(ended).isZero();
    assertThat(other.isAlive()).isTrue();
  }

  @Test
  void aWorkerStartedAfterTheRuntimeIsNotLeftBehind() throws Exception {
    Path jar = root.resolve("worker-image.jar");
    Instant runtimeStartedAt = Instant.now().minusSeconds(60);
    PipelineFiles files = PipelineFiles.under(root, new PipelineKey("payments", "fraud"));
    Process own = pretendWorker(jar, files.stateDirectory(0));
    writePid(files.pidFile(0), own.pid());

    int ended = new LeftBehindWorkers(jar, runtimeStartedAt).endAll(root, Duration.ofSeconds(5));

    assertThat(ended).isZero();
    assertThat(own.isAlive()).isTrue();
  }

  @Test
  void aWorkerOfAnotherRuntimeIsLeftAloneEvenUnderARecycledPid() throws Exception {
    Path jar = root.resolve("worker-image.jar");
    PipelineFiles files = PipelineFiles.under(root, new PipelineKey("payments", "fraud"));
    Process elsewhere = pretendWorker(jar, Path.of("/somewhere/else/state/replica-0"));
    writePid(files.pidFile(0), elsewhere.pid());
    Thread.sleep(20);

    int ended = new LeftBehindWorkers(jar, Instant.now()).endAll(root, Duration.ofSeconds(5));

    assertThat(ended).isZero();
    assertThat(elsewhere.isAlive()).isTrue();
  }

  @Test
  void aWorkerWithThisSlotsStateDirectoryIsEnded() throws Exception {
    Path jar = root.resolve("worker-image.jar");
    PipelineFiles files = PipelineFiles.under(root, new PipelineKey("payments", "fraud"));
    Process own = pretendWorker(jar, files.stateDirectory(0));
    writePid(files.pidFile(0), own.pid());
    Thread.sleep(20);

    int ended = new LeftBehindWorkers(jar, Instant.now()).endAll(root, Duration.ofSeconds(5));

    assertThat(ended).isEqualTo(1);
    assertThat(own.isAlive()).isFalse();
  }

  /** A stand-in with the worker's state directory in its environment, as the runtime starts it. */
  private Process pretendWorker(Path jar, Path stateDirectory) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "sleep 300", jar.toString());
    builder.environment().put("TRIBUTARY_STATE_DIR", stateDirectory.toAbsolutePath().toString());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static void writePid(Path pidFile, long pid) throws IOException {
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, Long.toString(pid));
  }
}
