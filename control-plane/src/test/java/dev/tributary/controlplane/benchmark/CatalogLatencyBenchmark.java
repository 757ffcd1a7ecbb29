package dev.tributary.controlplane.benchmark;

import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Latency of create (PUT a new pipeline) and list (first page of a team's pipelines) with 100 teams
 * × 100 pipelines stored, against the real PostgreSQL and real Keycloak tokens, over HTTP on
 * loopback. Baselines: the same calls on an empty catalog, and GET /api/v1/me (token check and
 * JSON, no database) as the floor of the stack.
 *
 * <p>Run with benchmarks/control-plane/run.sh; skipped in the normal test run. Client and server
 * share the machine, so figures include the client's cost.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "tributary.benchmark", matches = "true")
class CatalogLatencyBenchmark {

  static final int TEAMS = 100;
  static final int PIPELINES_PER_TEAM = 100;
  static final int WARMUP = 300;
  static final int SAMPLES = Integer.getInteger("tributary.benchmark.samples", 1000);
  static final int CONCURRENT_CLIENTS = 8;

  @TestHTTPResource("/")
  URL base;

  @Inject AgroalDataSource dataSource;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger sequence = new AtomicInteger();
  private String token;

  @Test
  void createAndListLatency() throws Exception {
    token = DemoUser.PLATFORM_ADMIN.token();
    List<String> report = new ArrayList<>();
    createTeams();
    String loadBefore = loadAverage();
    warmUp();

    measureAll(report, "empty catalog (0 pipelines stored)");
    long seeded = seedPipelines();
    measureAll(report, "100 teams × 100 pipelines stored (" + seeded + " pipelines)");

    System.out.println();
    System.out.println(
        "Control plane latency, "
            + SAMPLES
            + " samples per row, after a warm-up of 9000 calls and "
            + WARMUP
            + " more per row, "
            + Runtime.getRuntime().availableProcessors()
            + " cores");
    System.out.println(
        "Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAverage());
    System.out.println("| catalog | call | clients | p50 ms | p99 ms | calls/s |");
    System.out.println("|---|---|---|---|---|---|");
    report.forEach(System.out::println);
    System.out.println();
  }

  private void measureAll(List<String> report, String catalog) throws Exception {
    for (int clients : new int[] {1, CONCURRENT_CLIENTS}) {
      report.add(row(catalog, "GET /api/v1/me (baseline)", clients, measure(clients, i -> me())));
      report.add(row(catalog, "PUT pipeline (create)", clients, measure(clients, this::create)));
      report.add(
          row(catalog, "GET pipelines (list, first 50)", clients, measure(clients, this::list)));
    }
  }

  /**
   * JIT and connection pools warm up on every call type, so that the first measured rows are not
   * slower for being first; the pipelines it created are removed again.
   */
  private void warmUp() throws Exception {
    for (int round = 0; round < 3; round++) {
      run(CONCURRENT_CLIENTS, 1000, i -> me());
      run(CONCURRENT_CLIENTS, 1000, this::create);
      run(CONCURRENT_CLIENTS, 1000, this::list);
    }
    try (Connection db = dataSource.getConnection();
        Statement sql = db.createStatement()) {
      sql.executeUpdate(
          "delete from pipeline where team_id in (select id from team where slug like 'bench-%')");
      sql.execute("analyze");
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private HttpRequest me() {
    return request("/api/v1/me").GET().build();
  }

  private HttpRequest create(int i) {
    String team = team(i);
    String name = "bench-new-" + sequence.incrementAndGet();
    return request("/api/v1/teams/" + team + "/pipelines/" + name)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(Documents.largePayments(team, name, 100.0)))
        .build();
  }

  private HttpRequest list(int i) {
    return request("/api/v1/teams/" + team(i) + "/pipelines?limit=50").GET().build();
  }

  private static String team(int i) {
    return "bench-%03d".formatted(Math.floorMod(i * 37, TEAMS));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  /** Latencies in nanoseconds, sorted, and the wall time of the measured calls. */
  record Sample(long[] nanos, long wallNanos) {}

  private Sample measure(int clients, IntFunction<HttpRequest> call) throws Exception {
    run(clients, WARMUP, call);
    long start = System.nanoTime();
    long[] nanos = run(clients, SAMPLES, call);
    long wall = System.nanoTime() - start;
    Arrays.sort(nanos);
    return new Sample(nanos, wall);
  }

  private long[] run(int clients, int calls, IntFunction<HttpRequest> call) throws Exception {
    long[] nanos = new long[calls];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                    HttpRequest request = call.apply(i);
                    long t0 = System.nanoTime();
                    HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    nanos[i] = System.nanoTime() - t0;
                    if (response.statusCode() >= 300) {
                      throw new IllegalStateException(
                          request.uri()
                              + " answered "
                              + response.statusCode()
                              + ": "
                              + response.body());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return nanos;
  }

  private static String row(String catalog, String call, int clients, Sample sample) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %.1f | %.1f | %.0f |",
        catalog,
        call,
        clients,
        percentile(sample.nanos(), 0.50),
        percentile(sample.nanos(), 0.99),
        sample.nanos().length / (sample.wallNanos() / 1e9));
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  private void createTeams() throws Exception {
    try (Connection db = dataSource.getConnection();
        Statement sql = db.createStatement()) {
      sql.executeUpdate(
          """
          insert into team (slug, display_name, namespace, topic_prefix, keycloak_group, max_pipelines,
                            max_total_replicas, max_partitions_per_topic, version, created_at, updated_at)
          select 'bench-' || lpad(n::text, 3, '0'), 'Benchmark ' || n, 'team-bench-' || lpad(n::text, 3, '0'),
                 'bench-' || lpad(n::text, 3, '0') || '.', '/teams/bench-' || lpad(n::text, 3, '0'),
                 100000, 1000000, 24, 0, now(), now()
          from generate_series(0, %d) n
          on conflict (slug) do nothing
          """
              .formatted(TEAMS - 1));
    }
  }

  /**
   * Stores 100 pipelines in each team the way the API would (one revision each, canonical JSON), in
   * bulk: seeding through the API would only measure the seeding.
   */
  private long seedPipelines() throws Exception {
    String template = canonical("__TEAM__", "__NAME__");
    try (Connection db = dataSource.getConnection()) {
      try (PreparedStatement insert =
          db.prepareStatement(
              """
              with seeded as (
                insert into pipeline (team_id, name, state, current_revision, max_replicas, description,
                                      created_at, updated_at, updated_by)
                select t.id, 'seeded-' || lpad(n::text, 3, '0'), 'ACTIVE', 1, 1, 'seeded', now(), now(), 'benchmark'
                from team t cross join generate_series(0, ?) n
                where t.slug like 'bench-%'
                on conflict (team_id, name) do nothing
                returning id, team_id, name)
              insert into pipeline_revision (pipeline_id, number, document, diff, source, author, created_at)
              select s.id, 1, replace(replace(?, '__TEAM__', t.slug), '__NAME__', s.name), '[]', 'API', 'benchmark', now()
              from seeded s join team t on t.id = s.team_id
              """)) {
        insert.setInt(1, PIPELINES_PER_TEAM - 1);
        insert.setString(2, template);
        insert.executeUpdate();
      }
      try (Statement sql = db.createStatement()) {
        sql.execute("analyze");
        var count =
            sql.executeQuery(
                "select count(*) from pipeline p join team t on t.id = p.team_id where t.slug like"
                    + " 'bench-%'");
        count.next();
        return count.getLong(1);
      }
    }
  }

  /** The stored form of a benchmark pipeline, with placeholders for team and name. */
  private String canonical(String team, String name) throws Exception {
    HttpResponse<String> response =
        http.send(
            request("/api/v1/teams/bench-000/pipelines/template-probe")
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        Documents.largePayments("bench-000", "template-probe", 100.0)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("could not store the template: " + response.body());
    }
    String document =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(response.body())
            .get("document")
            .toPrettyString();
    return document.replace("bench-000", team).replace("template-probe", name);
  }
}
