package dev.tributary.operator.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operator's management endpoints, for the kubelet's probes and Prometheus:
 *
 * <ul>
 *   <li>{@code /healthz}: 200 while the process serves requests;
 *   <li>{@code /readyz}: 200 once the operator has started and, on the leader, every informer has
 *       synced its cache (a replica waiting for the lease is ready: it takes over when needed);
 *   <li>{@code /metrics}: Prometheus text — reconciliations started, succeeded and failed, their
 *       durations, the queue, the JVM.
 * </ul>
 */
public final class ManagementServer implements AutoCloseable {

  private final HttpServer server;

  private ManagementServer(HttpServer server) {
    this.server = server;
  }

  public static ManagementServer start(
      int port, BooleanSupplier ready, PrometheusMeterRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext("/healthz", exchange -> answer(exchange, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        exchange ->
            answer(
                exchange,
                ready.getAsBoolean() ? 200 : 503,
                "text/plain",
                ready.getAsBoolean() ? "ready\n" : "not ready\n"));
    server.createContext(
        "/metrics",
        exchange ->
            answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.setExecutor(
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().daemon().name("management-", 0).factory()));
    server.start();
    return new ManagementServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
