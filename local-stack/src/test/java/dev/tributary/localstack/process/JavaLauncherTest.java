package dev.tributary.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JavaLauncherTest {

  @Test
  void jdk21GetsNoOptionItWouldRefuse() {
    assertThat(JavaLauncher.quietOptions(21)).isEmpty();
  }

  @Test
  void jdk23AllowsUnsafeMemoryAccess() {
    assertThat(JavaLauncher.quietOptions(23))
        .containsExactly("--sun-misc-unsafe-memory-access=allow");
  }

  @Test
  void jdk24AndLaterAlsoAllowNativeAccess() {
    assertThat(JavaLauncher.quietOptions(25))
        .containsExactly(
            "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void theJdkRunningThisCodeStartsWithItsQuietOptions() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(JavaLauncher.path().toString());
    command.addAll(JavaLauncher.quietOptions());
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();

    assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(java.exitValue()).as(new String(java.getInputStream().readAllBytes())).isZero();
  }
}
