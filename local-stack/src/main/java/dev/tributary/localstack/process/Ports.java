package dev.tributary.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.function.BiFunction;

/** TCP ports on the loopback address, where all local services listen. */
public final class Ports {

  public static final String HOST = "127.0.0.1";

  private Ports() {}

  /** A port that nothing listens on now and that is none of {@code taken}. */
  public static int free(int... taken) {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int port = socket.getLocalPort();
        if (Arrays.stream(taken).noneMatch(other -> other == port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
      }
    }
  }

  /**
   * Returns {@code port} if nothing listens on it, so that a service fails before it starts, with a
   * message that names the port, rather than later in its log.
   */
  public static <E extends RuntimeException> int requireFree(
      int port, BiFunction<String, IOException, E> failure) {
    try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return port;
    } catch (IOException e) {
      throw failure.apply(
          "Port %d on %s is already in use (%s); stop what listens there or choose another port"
              .formatted(port, HOST, e.getMessage()),
          e);
    }
  }
}
