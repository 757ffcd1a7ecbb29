package dev.tributary.localstack.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * TCP ports on the loopback address, where all local services listen.
 *
 * <p>A service is given its port some seconds before it binds it (a JVM or PostgreSQL has to start
 * first). A port the kernel hands out for port 0 comes from its ephemeral range, from which every
 * outgoing connection on the machine also takes its local port: in those seconds a client
 * connection can take the port, and the service then fails with "address already in use". So ports
 * are chosen below the ephemeral range, where the kernel never puts outgoing connections, and this
 * JVM never hands out the same port twice.
 */
public final class Ports {

  public static final String HOST = "127.0.0.1";

  /** The lowest port handed out: above the well-known and most registered services' ports. */
  static final int LOWEST = 20_000;

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private Ports() {}

  /**
   * A port that nothing listens on now, that is none of {@code taken}, that this JVM has not handed
   * out before, and that lies below the kernel's ephemeral range when that leaves room.
   */
  public static int free(int... taken) {
    int highest = belowEphemeralRange();
    for (int attempt = 0; highest > LOWEST && attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, highest);
      if (Arrays.stream(taken).noneMatch(other -> other == port)
          && isFree(port)
          && HANDED_OUT.add(port)) {
        return port;
      }
    }
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int port = socket.getLocalPort();
        if (Arrays.stream(taken).noneMatch(other -> other == port) && HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
      }
    }
  }

  /** The first port of the kernel's ephemeral range (exclusive bound), or 0 when unknown. */
  static int belowEphemeralRange() {
    // Read line by line: Files.readString trusts the size /proc reports and reads a byte of it.
    try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
      String[] range = reader.readLine().trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException unknown) {
      return 0;
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return true;
    } catch (IOException e) {
      return false;
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
