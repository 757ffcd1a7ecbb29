package dev.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tributary up --single-user}: no Keycloak, no tokens, and it says so; and what a user
 * created is there again after the platform stops and starts on the same data folder: the pipeline
 * runs again without being applied again.
 */
class SingleUserPlatformIT {

  private static final String STATUS = "/api/v1/teams/logistics/pipelines/orders-etl/status";

  private PlatformProcess platform;

  @AfterEach
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void runsWithoutSignInAndKeepsPipelinesRunningAcrossARestart() throws Exception {
    Path data = Files.createTempDirectory("tributary-single-user-it-");
    platform = PlatformProcess.start(data, Duration.ofMinutes(5), "--single-user");
    assertThat(platform.output())
        .contains("SINGLE-USER MODE")
        .doesNotContain("Keycloak with the tributary realm ready");
    ApiClient api = new ApiClient(platform.api(), null);

    JsonNode me = api.get("anyone", "/api/v1/me").json();
    assertThat(me.path("authentication").asText()).isEqualTo("none");
    assertThat(me.path("platformRoles").toString()).contains("platform-admin");

    ApiClient.Response created =
        api.apply("anyone", "logistics", "orders-etl", Example.ORDERS_ETL.document());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    List<Long> firstWorkers = awaitRunning(api);

    assertThat(platform.stop(Duration.ofMinutes(3))).isZero();
    assertThat(platform.output()).contains("Tributary: stopping").contains("Tributary: stopped");
    assertThat(firstWorkers).noneMatch(pid -> ProcessHandle.of(pid).isPresent());

    platform = platform.restart(Duration.ofMinutes(5), "--single-user");
    List<Long> secondWorkers = awaitRunning(api);
    assertThat(secondWorkers).doesNotContainAnyElementsOf(firstWorkers);
    JsonNode status = api.get("anyone", STATUS).json();
    assertThat(status.path("deployedRevision").asInt()).isEqualTo(1);
  }

  private static List<Long> awaitRunning(ApiClient api) {
    List<Long> pids = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode status = api.get("anyone", STATUS).json();
              assertThat(status.path("phase").asText()).as(status.toString()).isEqualTo("Running");
              pids.clear();
              status.path("workers").forEach(worker -> pids.add(worker.path("pid").asLong()));
              assertThat(pids).isNotEmpty();
            });
    return pids;
  }
}
