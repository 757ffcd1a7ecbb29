package dev.tributary.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every role × own team / other team, with the exact status, using real tokens of
 * the realm file's users. The team users are members of {@code payments}: "own" targets payments,
 * "other" targets logistics. Platform users belong to no team; they see both alike.
 *
 * <p>Each case gets a fresh pipeline with two revisions in the target team, made by the platform
 * admin, and removed afterwards.
 */
@QuarkusTest
class AccessMatrixTest {

  /** Columns: the caller. */
  enum Role {
    PLATFORM_ADMIN(DemoUser.PLATFORM_ADMIN),
    PLATFORM_VIEWER(DemoUser.PLATFORM_VIEWER),
    TEAM_ADMIN(DemoUser.PAYMENTS_ADMIN),
    TEAM_DEVELOPER(DemoUser.PAYMENTS_DEVELOPER),
    TEAM_VIEWER(DemoUser.PAYMENTS_VIEWER),
    NO_TEAM(DemoUser.OUTSIDER);

    final DemoUser user;

    Role(DemoUser user) {
      this.user = user;
    }
  }

  enum Scope {
    OWN_TEAM("payments"),
    OTHER_TEAM("logistics");

    final String team;

    Scope(String team) {
      this.team = team;
    }
  }

  /**
   * What the call needs: the target team, a pipeline there with revisions 1 and 2, and a fresh
   * name.
   */
  record Target(String team, String pipeline, String freshName) {}

  interface Call {
    Response on(Api api, Target target);
  }

  /** Rows: the endpoints. */
  enum Endpoint {
    GET_ME((api, t) -> api.request().get("/api/v1/me")),
    LIST_TEAMS((api, t) -> api.request().get("/api/v1/teams")),
    GET_TEAM((api, t) -> api.request().get("/api/v1/teams/" + t.team())),
    CREATE_TEAM(
        (api, t) ->
            api.request()
                .contentType("application/json")
                .body("{\"slug\": \"" + t.freshName() + "\", \"displayName\": \"Matrix\"}")
                .post("/api/v1/teams")),
    UPDATE_QUOTAS(
        (api, t) -> {
          String etag =
              Api.as(DemoUser.PLATFORM_ADMIN)
                  .request()
                  .get("/api/v1/teams/" + t.team())
                  .header("ETag");
          return api.request()
              .contentType("application/json")
              .header("If-Match", etag == null ? "\"0\"" : etag)
              .body(
                  "{\"maxPipelines\": 200, \"maxTotalReplicas\": 400, \"maxPartitionsPerTopic\":"
                      + " 24}")
              .put("/api/v1/teams/" + t.team() + "/quotas");
        }),
    // The demo teams always hold pipelines: an admin's delete is allowed, then refused with 409.
    DELETE_TEAM((api, t) -> api.request().delete("/api/v1/teams/" + t.team())),
    LIST_PIPELINES((api, t) -> api.request().get("/api/v1/teams/" + t.team() + "/pipelines")),
    GET_PIPELINE((api, t) -> api.getPipeline(t.team(), t.pipeline())),
    CREATE_PIPELINE(
        (api, t) ->
            api.putPipeline(
                t.team(), t.freshName(), Documents.largePayments(t.team(), t.freshName(), 1.0))),
    UPDATE_PIPELINE(
        (api, t) ->
            api.putPipeline(
                t.team(),
                t.pipeline(),
                Documents.largePayments(t.team(), t.pipeline(), 300.0),
                "\"2\"")),
    DELETE_PIPELINE((api, t) -> api.deletePipeline(t.team(), t.pipeline())),
    VALIDATE_PIPELINE(
        (api, t) ->
            api.request()
                .contentType("application/json")
                .body(Documents.largePayments(t.team(), t.freshName(), 1.0))
                .post("/api/v1/teams/" + t.team() + "/pipelines/validate")),
    EXPLAIN_PIPELINE(
        (api, t) -> api.request().get(Api.pipelinePath(t.team(), t.pipeline()) + "/explain")),
    LIST_REVISIONS(
        (api, t) -> api.request().get(Api.pipelinePath(t.team(), t.pipeline()) + "/revisions")),
    GET_REVISION(
        (api, t) -> api.request().get(Api.pipelinePath(t.team(), t.pipeline()) + "/revisions/1")),
    ROLLBACK(
        (api, t) ->
            api.request().post(Api.pipelinePath(t.team(), t.pipeline()) + "/revisions/1/rollback")),
    PAUSE((api, t) -> api.request().post(Api.pipelinePath(t.team(), t.pipeline()) + "/pause")),
    RESUME((api, t) -> api.request().post(Api.pipelinePath(t.team(), t.pipeline()) + "/resume")),
    RESTART((api, t) -> api.request().post(Api.pipelinePath(t.team(), t.pipeline()) + "/restart")),
    PIPELINE_STATUS(
        (api, t) -> api.request().get(Api.pipelinePath(t.team(), t.pipeline()) + "/status")),
    TEAM_STATUS((api, t) -> api.request().get("/api/v1/teams/" + t.team() + "/status")),
    PIPELINE_STATUS_WINDOW(
        (api, t) ->
            api.request()
                .queryParam("window", "15m")
                .get(Api.pipelinePath(t.team(), t.pipeline()) + "/status")),
    PLATFORM_STATUS((api, t) -> api.request().get("/api/v1/platform/status")),
    TEAM_AUDIT((api, t) -> api.request().get("/api/v1/teams/" + t.team() + "/audit")),
    ALL_AUDIT((api, t) -> api.request().get("/api/v1/audit"));

    final Call call;

    Endpoint(Call call) {
      this.call = call;
    }
  }

  /**
   * The expected statuses. Columns: platform-admin, platform-viewer, team-admin, team-developer,
   * team-viewer, no team; first for the caller's own team, then for another team.
   */
  private static final String MATRIX =
      """
      # endpoint           own team                  | other team
      GET_ME               200 200 200 200 200 200   | 200 200 200 200 200 200
      LIST_TEAMS           200 200 200 200 200 200   | 200 200 200 200 200 200
      GET_TEAM             200 200 200 200 200 404   | 200 200 404 404 404 404
      CREATE_TEAM          201 403 403 403 403 403   | 201 403 403 403 403 403
      UPDATE_QUOTAS        200 403 403 403 403 404   | 200 403 404 404 404 404
      DELETE_TEAM          409 403 403 403 403 404   | 409 403 404 404 404 404
      LIST_PIPELINES       200 200 200 200 200 404   | 200 200 404 404 404 404
      GET_PIPELINE         200 200 200 200 200 404   | 200 200 404 404 404 404
      CREATE_PIPELINE      201 403 201 201 403 404   | 201 403 404 404 404 404
      UPDATE_PIPELINE      200 403 200 200 403 404   | 200 403 404 404 404 404
      DELETE_PIPELINE      204 403 204 204 403 404   | 204 403 404 404 404 404
      VALIDATE_PIPELINE    200 200 200 200 200 404   | 200 200 404 404 404 404
      EXPLAIN_PIPELINE     200 200 200 200 200 404   | 200 200 404 404 404 404
      LIST_REVISIONS       200 200 200 200 200 404   | 200 200 404 404 404 404
      GET_REVISION         200 200 200 200 200 404   | 200 200 404 404 404 404
      ROLLBACK             200 403 200 200 403 404   | 200 403 404 404 404 404
      PAUSE                200 403 200 200 403 404   | 200 403 404 404 404 404
      RESUME               200 403 200 200 403 404   | 200 403 404 404 404 404
      RESTART              200 403 200 200 403 404   | 200 403 404 404 404 404
      PIPELINE_STATUS      200 200 200 200 200 404   | 200 200 404 404 404 404
      TEAM_STATUS          200 200 200 200 200 404   | 200 200 404 404 404 404
      PIPELINE_STATUS_WINDOW 200 200 200 200 200 404 | 200 200 404 404 404 404
      PLATFORM_STATUS      200 200 403 403 403 403   | 200 200 403 403 403 403
      TEAM_AUDIT           200 403 200 403 403 404   | 200 403 404 404 404 404
      ALL_AUDIT            200 403 403 403 403 403   | 200 403 403 403 403 403
      """;

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /**
   * Names of this run, so that a database kept between runs (TRIBUTARY_TEST_PG_URL) does not clash.
   */
  private static final String RUN =
      Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

  private Target target;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    Map<Endpoint, Boolean> seen = new EnumMap<>(Endpoint.class);
    for (String line : MATRIX.strip().split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] halves = line.split("\\|");
      String[] own = halves[0].trim().split("\\s+");
      String[] other = halves[1].trim().split("\\s+");
      Endpoint endpoint = Endpoint.valueOf(own[0]);
      seen.put(endpoint, true);
      for (Role role : Role.values()) {
        cases.add(
            Arguments.of(
                endpoint, role, Scope.OWN_TEAM, Integer.parseInt(own[role.ordinal() + 1])));
        cases.add(
            Arguments.of(
                endpoint, role, Scope.OTHER_TEAM, Integer.parseInt(other[role.ordinal()])));
      }
    }
    assertThat(seen.keySet())
        .as("every endpoint has a row")
        .containsExactlyInAnyOrder(Endpoint.values());
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1} on {2} → {3}")
  @MethodSource("cases")
  void statusIsExactlyAsTheMatrixSays(Endpoint endpoint, Role role, Scope scope, int expected) {
    int n = SEQUENCE.incrementAndGet();
    target = new Target(scope.team, "matrix-" + RUN + "-" + n, "mx-" + RUN + "-" + n);
    Api.as(DemoUser.PLATFORM_ADMIN).createWithTwoRevisions(target.team(), target.pipeline());

    Response response = endpoint.call.on(Api.as(role.user), target);

    assertThat(response.statusCode())
        .as("%s as %s on %s: %s", endpoint, role, scope, response.body().asString())
        .isEqualTo(expected);
    if (expected >= 400) {
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }

  @AfterEach
  void removeFixtures() {
    if (target == null) {
      return;
    }
    Api admin = Api.as(DemoUser.PLATFORM_ADMIN);
    admin.deletePipeline(target.team(), target.pipeline());
    admin.deletePipeline(target.team(), target.freshName());
    admin.request().delete("/api/v1/teams/" + target.freshName());
  }
}
