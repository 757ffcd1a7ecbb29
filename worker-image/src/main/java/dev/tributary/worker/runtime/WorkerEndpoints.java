package dev.tributary.worker.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The worker's HTTP surface, on the JDK's own server (a worker needs four read-only endpoints, not
 * a web framework):
 *
 * <ul>
 *   <li>{@code /q/health/live}: 200 unless the Kafka Streams client is in ERROR or gone;
 *   <li>{@code /q/health/ready}: 200 when it is RUNNING (not while rebalancing or restoring);
 *   <li>{@code /q/metrics}: Prometheus text, with Kafka Streams client, thread, task, state-store
 *       and RocksDB metrics, JVM metrics and the dead-letter count;
 *   <li>{@code /state}: {@link WorkerState} as JSON;
 *   <li>{@code /explain}: the compiled topology.
 * </ul>
 */
final class WorkerEndpoints implements AutoCloseable {

  private final HttpServer server;

  WorkerEndpoints(
      int port,
      KafkaStreams streams,
      PrometheusMeterRegistry metrics,
      Supplier<WorkerState> state,
      Supplier<Object> explain,
      ObjectMapper json)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "worker-http");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/q/health/live", ex -> health(ex, live(streams), streams, json));
    server.createContext(
        "/q/health/ready",
        ex -> health(ex, streams.state() == KafkaStreams.State.RUNNING, streams, json));
    server.createContext(
        "/q/health",
        ex ->
            health(
                ex, live(streams) && streams.state() == KafkaStreams.State.RUNNING, streams, json));
    server.createContext(
        "/q/metrics",
        ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.createContext(
        "/state", ex -> send(ex, 200, "application/json", json.writeValueAsString(state.get())));
    server.createContext(
        "/explain",
        ex -> send(ex, 200, "application/json", json.writeValueAsString(explain.get())));
    server.createContext(
        "/",
        ex ->
            send(
                ex,
                404,
                "application/problem+json",
                json.writeValueAsString(
                    Map.of(
                        "type",
                        "about:blank",
                        "title",
                        "Not Found",
                        "status",
                        404,
                        "detail",
                        "no endpoint " + ex.getRequestURI().getPath()))));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static boolean live(KafkaStreams streams) {
    KafkaStreams.State s = streams.state();
    return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING;
  }

  private static void health(HttpExchange ex, boolean up, KafkaStreams streams, ObjectMapper json)
      throws IOException {
    String body =
        json.writeValueAsString(
            Map.of(
                "status",
                up ? "UP" : "DOWN",
                "checks",
                java.util.List.of(
                    Map.of(
                        "name",
                        "kafka-streams",
                        "status",
                        up ? "UP" : "DOWN",
                        "data",
                        Map.of("state", streams.state().name())))));
    send(ex, up ? 200 : 503, "application/json", body);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
