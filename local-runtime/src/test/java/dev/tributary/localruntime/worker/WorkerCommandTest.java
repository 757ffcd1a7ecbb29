package dev.tributary.localruntime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerCommandTest {

  @TempDir Path dir;

  @Test
  void workerOnJdk21GetsNoOptionThatJdkWouldRefuse() throws IOException {
    Path java = jdk("21.0.5");

    assertThat(command(java)).containsExactly(java.toString(), "-Xmx384m", "-jar", "worker.jar");
  }

  @Test
  void workerOnJdk25AllowsUnsafeMemoryAccessSoItsLogHasNoWarningsAboutIt() throws IOException {
    Path java = jdk("25.0.3");

    assertThat(command(java))
        .containsExactly(
            java.toString(),
            "--sun-misc-unsafe-memory-access=allow",
            "-Xmx384m",
            "-jar",
            "worker.jar");
  }

  @Test
  void launcherLinkedFromElsewhereIsJudgedByTheJdkItLinksTo() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("java"), jdk("25"));

    assertThat(command(link)).contains("--sun-misc-unsafe-memory-access=allow");
  }

  @Test
  void launcherOfUnknownReleaseGetsNoExtraOption() throws IOException {
    Path java = Files.createDirectories(dir.resolve("bare/bin")).resolve("java");
    Files.writeString(java, "");

    assertThat(command(java)).containsExactly(java.toString(), "-Xmx384m", "-jar", "worker.jar");
  }

  private List<String> command(Path java) {
    return new WorkerCommand(java, List.of("-Xmx384m"), Path.of("worker.jar"), Map.of())
        .processBuilder()
        .command();
  }

  /** A JDK's layout as far as the launcher's release is concerned: bin/java and release. */
  private Path jdk(String version) throws IOException {
    Path home = Files.createDirectories(dir.resolve("jdk-" + version));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "");
    return java;
  }
}
