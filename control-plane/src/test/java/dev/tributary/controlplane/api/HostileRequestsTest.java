package dev.tributary.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A few hundred hostile requests, generated from a fixed seed, to every endpoint that takes input:
 * byte-level mutations of valid pipeline documents and team bodies, wrong and odd media types and
 * charsets, bytes that are not UTF-8, NUL and unpaired surrogates, over-long fields, huge counts,
 * and paths, query parameters and headers that name nothing. Whatever comes, the answer is never a
 * 5xx, every 4xx is problem+json, and what a write accepted reads back as it was sent, after
 * canonicalisation: nothing is silently altered on its way to the catalog.
 */
@QuarkusTest
class HostileRequestsTest {

  /** Change it to explore further; a failure names the request, and the seed replays it. */
  private static final long SEED = 20_261_205L;

  private static final int REQUESTS = 400;
  private static final Path CORPUS = Path.of("../pipeline-api/src/test/resources/pipelines/valid");
  private static final String PROBLEM_TYPE = "https://tributary.dev/problems/";
  private static final String MARKER = "HOSTILE-BYTES-HERE";
  private static final List<String> HOSTILE_BYTES =
      List.of(
          "00",
          "FF",
          "ED A0 80",
          "ED BF BF",
          "C0 AF",
          "E2 82",
          "F0 9F 9A",
          "F4 90 80 80",
          "80",
          "F0 9F 9A 80",
          "EF BB BF",
          "5C 75 30 30 30 30",
          "5C 75 64 38 30 30",
          "5C 30",
          "0A 2D");
  private static final List<String> ODD_MEDIA_TYPES =
      List.of(
          "",
          "text/plain",
          "application/xml",
          "application/octet-stream",
          "multipart/form-data; boundary=x",
          "application/json; charset=UTF-16",
          "application/json; charset=ISO-8859-1",
          "application/json; charset=utf-8",
          "application/json; charset=nonsense",
          "APPLICATION/JSON",
          "application/yaml; charset=utf-8",
          "application/merge-patch+json",
          "application/json, text/yaml",
          "*/*");
  private static final List<String> ODD_SEGMENTS =
      List.of(
          "%00",
          "a%00b",
          "%FF",
          "%ED%A0%80",
          "%C0%AF",
          "a".repeat(300),
          "..",
          "%2F",
          "%20",
          "UPPER",
          "-x",
          "%E2%82",
          "x%0Ay",
          "%F0%9F%9A%80");

  @TestHTTPResource("/")
  URI base;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = PipelineMapper.json();
  private Random random;
  private String team;
  private List<ObjectNode> seeds;
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Integer> outcomes = new LinkedHashMap<>();

  @Test
  void hostileRequestsGetProblemsAndWhatIsAcceptedReadsBackAsSent() throws Exception {
    random = new Random(SEED);
    team = "fz-" + UUID.randomUUID().toString().substring(0, 8);
    Answer created =
        send(
            "POST",
            "/api/v1/teams",
            "application/json",
            ("{\"slug\": \"%s\", \"displayName\": \"Hostile requests\", \"quotas\":"
                    + " {\"maxPipelines\": 100000, \"maxTotalReplicas\": 1000000,"
                    + " \"maxPartitionsPerTopic\": 10000, \"maxTopics\": 1000000,"
                    + " \"maxTotalPartitions\": 100000000}}")
                .formatted(team)
                .getBytes(StandardCharsets.UTF_8),
            Map.of());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    seeds = seeds();

    for (int i = 0; i < REQUESTS; i++) {
      switch (random.nextInt(20)) {
        case 0, 1, 2, 3, 4, 5, 6 -> putPipeline(i);
        case 7, 8, 9 -> validatePipeline(i);
        case 10, 11 -> createTeam(i);
        case 12 -> updateQuotas(i);
        case 13, 14 -> queryParameters(i);
        case 15, 16 -> pathSegments(i);
        case 17 -> headers(i);
        default -> putPipeline(i);
      }
    }

    System.out.println("[hostile requests] answers by status: " + outcomes);
    assertThat(failures).as("seed " + SEED).isEmpty();
    // Some of the writes went through, so "reads back as sent" was checked.
    assertThat(outcomes.getOrDefault("201", 0)).isPositive();
  }

  // --- pipelines ---------------------------------------------------------------------------------

  private void putPipeline(int i) throws Exception {
    String name = random.nextInt(3) == 0 ? "p-" + random.nextInt(8) : "p-" + i;
    Body body = documentBody(name);
    Map<String, String> headers = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      headers.put("If-Match", "*");
    }
    Answer answer = send("PUT", pipelinePath(name), body.mediaType(), body.bytes(), headers);
    check(i, answer);
    if (answer.status() == 200 || answer.status() == 201) {
      readsBackAsSent(i, name, body, answer);
    }
  }

  private void validatePipeline(int i) throws Exception {
    Body body = documentBody("v-" + i);
    check(
        i,
        send(
            "POST",
            "/api/v1/teams/" + team + "/pipelines/validate",
            body.mediaType(),
            body.bytes(),
            Map.of()));
  }

  private record Body(byte[] bytes, String mediaType, boolean yaml, String what) {}

  private Body documentBody(String name) throws IOException {
    ObjectNode document = seeds.get(random.nextInt(seeds.size())).deepCopy();
    ((ObjectNode) document.path("metadata")).put("name", name);
    String what = growHostile(document);
    boolean spliced = random.nextInt(4) == 0;
    if (spliced) {
      ((ObjectNode) document.path("metadata")).put("description", "text " + MARKER + " text");
    }
    boolean yaml = random.nextInt(3) == 0;
    byte[] bytes =
        (yaml ? PipelineMapper.yaml().writer() : json.writerWithDefaultPrettyPrinter())
            .writeValueAsBytes(document);
    if (spliced) {
      MutatedBytes mutated = splice(bytes);
      bytes = mutated.bytes();
      what += ", " + mutated.what();
    } else if (random.nextInt(5) < 3) {
      MutatedBytes mutated = mutate(bytes);
      bytes = mutated.bytes();
      what += ", " + mutated.what();
    }
    String mediaType =
        switch (random.nextInt(10)) {
          case 0, 1, 2, 3, 4, 5 ->
              yaml ? pick("application/yaml", "text/yaml") : "application/json";
          case 6 -> yaml ? "application/json" : pick("application/yaml", "application/x-yaml");
          default -> pick(ODD_MEDIA_TYPES);
        };
    return new Body(bytes, mediaType, !mediaType.toLowerCase().contains("json"), what);
  }

  /** Makes the document hostile in its structure, while it stays well-formed; says how. */
  private String growHostile(ObjectNode document) {
    ObjectNode metadata = (ObjectNode) document.path("metadata");
    ObjectNode spec = (ObjectNode) document.path("spec");
    JsonNode firstSource = spec.path("sources").path(0);
    JsonNode firstSink = spec.path("sinks").path(0);
    switch (firstSource.isObject() && firstSink.isObject() ? random.nextInt(14) : 0) {
      case 0 -> {
        int length = pick(999, 1000, 1001, 5000, 100_000);
        metadata.put("description", "d".repeat(length));
        return "description of " + length + " characters";
      }
      case 1 -> {
        String text = pick("pay\u0000ments", "pay\ud800ments", "\udc00", "Zahlungen ≥ 1000 € 🚀");
        metadata.put("description", text);
        return "description " + escaped(text);
      }
      case 2 -> {
        int count = pick(51, 200, 3000);
        ArrayNode sinks = (ArrayNode) spec.withArray("sinks");
        for (int s = 0; s < count; s++) {
          ObjectNode sink = firstSink.deepCopy();
          sink.put("name", "s" + s).put("topic", team + ".many-" + s);
          sinks.add(sink);
        }
        return count + " more sinks";
      }
      case 3 -> {
        ArrayNode sources = (ArrayNode) spec.withArray("sources");
        int count = pick(60, 1000);
        for (int s = 0; s < count; s++) {
          sources.add(
              ((ObjectNode) firstSource.deepCopy())
                  .put("name", "src" + s)
                  .put("topic", team + ".src-" + s));
        }
        return count + " more sources";
      }
      case 4 -> {
        long partitions = pick(0L, -1L, 10_001L, 2_147_483_648L, 99_999_999_999_999L);
        ((ObjectNode) firstSource).put("partitions", partitions);
        return "source partitions " + partitions;
      }
      case 5 -> {
        metadata.put("name", pick("x".repeat(64), "Upper", "a\u0000b", "é"));
        return "metadata.name " + escaped(metadata.path("name").asText());
      }
      case 6 -> {
        JsonNode nested = json.getNodeFactory().textNode("deep");
        for (int d = 0; d < 200; d++) {
          nested = json.createArrayNode().add(nested);
        }
        metadata.set("labels", nested);
        return "labels nested 200 deep";
      }
      case 7 -> {
        ObjectNode labels = metadata.putObject("labels");
        int count = pick(65, 5000);
        for (int l = 0; l < count; l++) {
          labels.put("l" + l, "v");
        }
        return count + " labels";
      }
      case 8 -> {
        metadata.put(pick("team", "te\u0000am", "\ud800"), pick(team, "other", "\u0000"));
        return "odd metadata key or team";
      }
      default -> {
        return "as valid";
      }
    }
  }

  private void readsBackAsSent(int i, String name, Body body, Answer answer) throws Exception {
    String text;
    try {
      text = StrictUtf8.decode(body.bytes());
    } catch (StrictUtf8.MalformedException e) {
      fail(i, answer, "accepted a body that is not UTF-8: " + e.getMessage());
      return;
    }
    ObjectNode sent =
        (ObjectNode) (body.yaml() ? PipelineMapper.yaml() : json).readTree(text).deepCopy();
    ((ObjectNode) sent.path("metadata")).put("team", team);
    JsonNode canonical =
        json.readTree(json.writeValueAsString(json.treeToValue(sent, PipelineDocument.class)));
    Answer read = send("GET", pipelinePath(name), null, null, Map.of());
    JsonNode stored = json.readTree(read.body());
    if (read.status() != 200 || !canonical.equals(stored.path("document"))) {
      fail(
          i,
          answer,
          "the stored document differs from what was sent ("
              + body.what()
              + "):\n  sent   "
              + canonical
              + "\n  stored "
              + stored.path("document"));
    }
    JsonNode written = json.readTree(answer.body());
    if (written.path("revision").asInt() != stored.path("revision").asInt()) {
      fail(i, answer, "the answer's revision is not the stored one: " + stored.path("revision"));
    }
  }

  // --- teams -------------------------------------------------------------------------------------

  private void createTeam(int i) throws Exception {
    String slug = "fz" + i + "-" + Integer.toString(random.nextInt(1 << 20), 36);
    ObjectNode team = json.createObjectNode();
    team.put("slug", random.nextInt(6) == 0 ? pick("Not A Slug", "a".repeat(31), "x\u0000") : slug);
    team.put(
        "displayName",
        switch (random.nextInt(7)) {
          case 0 -> "n".repeat(pick(200, 201, 5000));
          case 1 -> "🚀".repeat(pick(200, 201));
          case 2 -> pick("pay\u0000ments", "\ud800", "a\udc00b", " ", "");
          case 3 -> "Team " + MARKER;
          default -> "Team " + i + " ≥ ü";
        });
    if (random.nextInt(4) == 0) {
      team.put("namespace", pick("x".repeat(64), "team-" + slug, "UPPER", "a\u0000"));
    }
    if (random.nextInt(4) == 0) {
      team.put("topicPrefix", pick("p".repeat(100), slug + "-" + i + ".", "a b", "\u00e9."));
    }
    if (random.nextInt(3) == 0) {
      team.set("quotas", quotas());
    }
    byte[] bytes = json.writeValueAsBytes(team);
    String what = "team " + escaped(team.toString());
    if (team.path("displayName").asText().contains(MARKER)) {
      MutatedBytes mutated = splice(bytes);
      bytes = mutated.bytes();
      what += ", " + mutated.what();
    } else if (random.nextBoolean()) {
      MutatedBytes mutated = mutate(bytes);
      bytes = mutated.bytes();
      what += ", " + mutated.what();
    }
    String mediaType = random.nextInt(5) == 0 ? pick(ODD_MEDIA_TYPES) : "application/json";
    Answer answer = send("POST", "/api/v1/teams", mediaType, bytes, Map.of());
    check(i, answer);
    if (answer.status() == 201) {
      JsonNode sent = json.readTree(StrictUtf8.decode(bytes));
      JsonNode stored =
          json.readTree(
              send("GET", "/api/v1/teams/" + sent.path("slug").asText(), null, null, Map.of())
                  .body());
      for (String field : List.of("slug", "displayName", "namespace", "topicPrefix")) {
        if (sent.has(field) && !sent.path(field).equals(stored.path(field))) {
          fail(i, answer, what + ": " + field + " stored as " + stored.path(field));
        }
      }
    }
  }

  private void updateQuotas(int i) throws Exception {
    byte[] bytes = json.writeValueAsBytes(quotas());
    if (random.nextBoolean()) {
      bytes = mutate(bytes).bytes();
    }
    String target = random.nextInt(4) == 0 ? pick(ODD_SEGMENTS) : team;
    Answer answer =
        send(
            "PUT",
            "/api/v1/teams/" + target + "/quotas",
            random.nextInt(5) == 0 ? pick(ODD_MEDIA_TYPES) : "application/json",
            bytes,
            Map.of("If-Match", pick("*", "\"0\"", "garbage", "\"99999999999999999999\"")));
    check(i, answer);
  }

  private ObjectNode quotas() {
    ObjectNode quotas = json.createObjectNode();
    for (String quota :
        List.of(
            "maxPipelines",
            "maxTotalReplicas",
            "maxPartitionsPerTopic",
            "maxTopics",
            "maxTotalPartitions")) {
      switch (random.nextInt(8)) {
        case 0 -> quotas.put(quota, pick(-1L, 0L, 2_147_483_648L, 9_999_999_999_999L));
        case 1 -> quotas.put(quota, pick("many", "1e3", "\u0000"));
        case 2 -> quotas.putNull(quota);
        case 3 -> quotas.put(quota, 1e300);
        default -> quotas.put(quota, 100_000);
      }
    }
    return quotas;
  }

  // --- paths, query parameters, headers
  // -----------------------------------------------------------

  private void queryParameters(int i) throws Exception {
    String cursor =
        pick(
            Base64.getUrlEncoder().encodeToString(hostileBytes()),
            Base64.getUrlEncoder().withoutPadding().encodeToString("x".repeat(500).getBytes()),
            "%00",
            "%25%25",
            "a".repeat(2000));
    String query =
        switch (random.nextInt(5)) {
          case 0 -> "/api/v1/teams/" + team + "/pipelines?cursor=" + cursor;
          case 1 ->
              "/api/v1/teams/"
                  + team
                  + "/pipelines?limit="
                  + pick("0", "-1", "501", "99999999999", "1e3", "%00")
                  + "&state="
                  + pick("active", "paused", "%00", "ACTIVE", "x".repeat(100));
          case 2 ->
              "/api/v1/audit?team="
                  + pick(ODD_SEGMENTS)
                  + "&cursor="
                  + cursor
                  + "&limit="
                  + pick("1", "500", "0", "%FF");
          case 3 ->
              "/api/v1/teams/"
                  + team
                  + "/status?window="
                  + pick("0s", "999999h", "P1000000000D", "PT-1S", "%00", "1e9m", "61m");
          default ->
              "/api/v1/teams/" + team + "/pipelines/p-1/revisions?cursor=" + cursor + "&limit=2";
        };
    check(i, send("GET", query, null, null, Map.of()));
  }

  private void pathSegments(int i) throws Exception {
    String segment = pick(ODD_SEGMENTS);
    String pipeline = "/api/v1/teams/" + team + "/pipelines/" + segment;
    String request =
        switch (random.nextInt(9)) {
          case 0 -> "GET /api/v1/teams/" + segment;
          case 1 -> "GET " + pipeline;
          case 2 -> "GET " + pipeline + "/explain";
          case 3 -> "GET " + pipeline + "/status";
          case 4 ->
              "GET /api/v1/teams/"
                  + team
                  + "/pipelines/p-1/revisions/"
                  + pick("0", "-1", "99999999999", segment);
          case 5 -> "POST " + pipeline + "/" + pick("pause", "resume", "restart");
          case 6 ->
              "POST /api/v1/teams/"
                  + team
                  + "/pipelines/p-1/revisions/"
                  + pick("0", "-1", "2147483648", segment)
                  + "/rollback";
          case 7 -> "DELETE " + pipeline;
          default -> "GET /api/v1/teams/" + segment + "/audit";
        };
    int space = request.indexOf(' ');
    check(i, send(request.substring(0, space), request.substring(space + 1), null, null, Map.of()));
  }

  private void headers(int i) throws Exception {
    String name = "h-" + i;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        pick("If-Match", "If-None-Match", "Tributary-Source"),
        pick("\"1\"", "*", "W/\"1\"", "\"1\", \"2\"", "fax", "x".repeat(5000), "%C3%A9"));
    Answer answer =
        send(
            "PUT",
            pipelinePath(name),
            "application/json",
            Documents.largePayments(team, name, 1.0).getBytes(StandardCharsets.UTF_8),
            headers);
    check(i, answer);
  }

  // --- mutations ---------------------------------------------------------------------------------

  private record MutatedBytes(byte[] bytes, String what) {}

  private MutatedBytes mutate(byte[] bytes) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (random.nextInt(6)) {
      case 0 -> {
        byte[] flipped = bytes.clone();
        flipped[at] = (byte) random.nextInt(256);
        return new MutatedBytes(flipped, "byte " + at + " set to " + hex(flipped, at, 1));
      }
      case 1 -> {
        byte[] inserted = hostileBytes();
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at, bytes.length - at);
        return new MutatedBytes(
            out.toByteArray(), hex(inserted, 0, inserted.length) + " inserted at " + at);
      }
      case 2 -> {
        int length = Math.min(bytes.length - at, 1 + random.nextInt(40));
        out.write(bytes, 0, at);
        out.write(bytes, at + length, bytes.length - at - length);
        return new MutatedBytes(out.toByteArray(), length + " bytes deleted at " + at);
      }
      case 3 -> {
        int length = Math.min(bytes.length - at, 1 + random.nextInt(200));
        out.write(bytes, 0, at + length);
        out.write(bytes, at, bytes.length - at);
        return new MutatedBytes(out.toByteArray(), length + " bytes repeated at " + at);
      }
      case 4 -> {
        return new MutatedBytes(Arrays.copyOf(bytes, at), "cut at " + at);
      }
      default -> {
        return new MutatedBytes(
            pick(
                new byte[0],
                " \n\t".getBytes(),
                "null".getBytes(),
                "[]".getBytes(),
                "\"text\"".getBytes()),
            "body replaced");
      }
    }
  }

  /** The bytes with hostile ones in place of {@link #MARKER}, inside a text value. */
  private MutatedBytes splice(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.indexOf(MARKER);
    int offset = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
    byte[] inserted = hostileBytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, offset);
    out.writeBytes(inserted);
    int after = offset + MARKER.length();
    out.write(bytes, after, bytes.length - after);
    return new MutatedBytes(
        out.toByteArray(), hex(inserted, 0, inserted.length) + " inside a text at " + offset);
  }

  private byte[] hostileBytes() {
    if (random.nextInt(4) == 0) {
      byte[] noise = new byte[1 + random.nextInt(8)];
      random.nextBytes(noise);
      return noise;
    }
    return HexFormat.ofDelimiter(" ").parseHex(pick(HOSTILE_BYTES));
  }

  // --- sending and checking ----------------------------------------------------------------------

  private record Answer(
      String method,
      String path,
      String mediaType,
      String what,
      int status,
      String contentType,
      String body) {}

  private Answer send(
      String method, String path, String mediaType, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + DemoUser.PLATFORM_ADMIN.token())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (mediaType != null && !mediaType.isEmpty()) {
      request.header("Content-Type", mediaType);
    }
    headers.forEach(request::header);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String what = body == null ? "" : " body " + excerpt(body);
    return new Answer(
        method,
        path,
        mediaType,
        what + (headers.isEmpty() ? "" : " headers " + headers.keySet()),
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  private void check(int i, Answer answer) {
    outcomes.merge(Integer.toString(answer.status()), 1, Integer::sum);
    if (answer.status() >= 500) {
      fail(i, answer, "a server error");
    } else if (answer.status() >= 400) {
      if (!answer.contentType().startsWith("application/problem+json")) {
        fail(i, answer, "a 4xx that is not problem+json");
        return;
      }
      try {
        JsonNode problem = json.readTree(answer.body());
        if (!problem.path("type").asText().startsWith(PROBLEM_TYPE)
            || problem.path("status").asInt() != answer.status()) {
          fail(i, answer, "a problem without its type or status");
        }
      } catch (IOException e) {
        fail(i, answer, "a problem that is not JSON");
      }
    }
  }

  private void fail(int i, Answer answer, String why) {
    failures.add(
        "#%d %s %s (%s)%s → %d %s: %s"
            .formatted(
                i,
                answer.method(),
                answer.path().length() > 200
                    ? answer.path().substring(0, 200) + "…"
                    : answer.path(),
                answer.mediaType(),
                answer.what(),
                answer.status(),
                answer.body().length() > 500
                    ? answer.body().substring(0, 500) + "…"
                    : answer.body(),
                why));
  }

  // --- seeds and helpers -------------------------------------------------------------------------

  /** The language's valid example documents, moved into the test's team. */
  private List<ObjectNode> seeds() throws IOException {
    List<ObjectNode> documents = new ArrayList<>();
    documents.add((ObjectNode) json.readTree(Documents.largePayments(team, "seed", 100.0)));
    try (Stream<Path> files = Files.list(CORPUS)) {
      for (Path file : files.sorted().toList()) {
        ObjectMapper reader = file.toString().endsWith(".json") ? json : PipelineMapper.yaml();
        ObjectNode document = (ObjectNode) reader.readTree(file.toFile());
        ((ObjectNode) document.path("metadata")).remove("team");
        moveTopics(document);
        documents.add(document);
      }
    }
    return documents;
  }

  private void moveTopics(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode topic = object.get("topic");
      if (topic != null && topic.isTextual()) {
        String name = topic.asText();
        object.put("topic", team + "." + name.substring(name.indexOf('.') + 1));
      }
      for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
        moveTopics(it.next());
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::moveTopics);
    }
  }

  private String pipelinePath(String name) {
    return "/api/v1/teams/" + team + "/pipelines/" + name;
  }

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static String hex(byte[] bytes, int from, int length) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, from, from + length);
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.chars()
        .limit(80)
        .forEach(
            c ->
                out.append(
                    c < 0x20 || Character.isSurrogate((char) c)
                        ? "\\u%04x".formatted(c)
                        : Character.toString(c)));
    return out.toString();
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.ISO_8859_1);
    return escaped(text) + (body.length > 120 ? "… (" + body.length + " bytes)" : "");
  }
}
