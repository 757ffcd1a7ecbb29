package dev.tributary.runtime.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Asks workers on this host how they are: readiness ({@code /q/health/ready}) and state ({@code
 * /state}). Short timeouts: a worker that does not answer quickly is reported as unknown rather
 * than holding up the status of every other pipeline.
 *
 * <p>Plain {@link HttpURLConnection}s on threads of this client, not {@code java.net.http}: the
 * latter completes exchanges on the common fork-join pool, which has one thread on a two-core
 * machine, so a single long task anywhere in the JVM (a {@code CompletableFuture.runAsync} of the
 * control plane, say) stalls every request.
 */
public final class WorkerStateClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration timeout;
  private final ExecutorService requests =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("worker-state-", 0).factory());

  public WorkerStateClient(Duration timeout) {
    this.timeout = timeout;
  }

  /** Whether the worker's Kafka Streams client is RUNNING; false when it does not answer. */
  public boolean isReady(int port) {
    try {
      return get(port, "/q/health/ready").status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The worker's state, or empty when it does not answer in time or answers nonsense. The future
   * completes within the timeout, whatever the worker does.
   */
  public CompletableFuture<Optional<WorkerState>> state(int port) {
    return CompletableFuture.supplyAsync(() -> fetchState(port), requests)
        .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Optional<WorkerState> fetchState(int port) {
    try {
      Response response = get(port, "/state");
      return response.status() == 200
          ? Optional.of(JSON.readValue(response.body(), WorkerState.class))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Response get(int port, String path) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    try {
      int status = connection.getResponseCode();
      InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      return new Response(status, body == null ? new byte[0] : body.readAllBytes());
    } finally {
      connection.disconnect();
    }
  }

  private record Response(int status, byte[] body) {}

  @Override
  public void close() {
    requests.shutdownNow();
  }
}
