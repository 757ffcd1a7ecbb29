package dev.tributary.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void portsLieBelowTheEphemeralRangeWhereOutgoingConnectionsCannotTakeThem() throws Exception {
    int ephemeralStart = Ports.belowEphemeralRange();
    assertThat(ephemeralStart).as("this machine's ephemeral range").isGreaterThan(Ports.LOWEST);

    for (int i = 0; i < 50; i++) {
      int port = Ports.free();
      assertThat(port).isBetween(Ports.LOWEST, ephemeralStart - 1);
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getByName(Ports.HOST))) {
        assertThat(bound.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void noPortIsHandedOutTwiceNorOneThatIsTakenOrListenedOn() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < 500; i++) {
        int port = Ports.free(listening.getLocalPort(), 20_001);
        assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        assertThat(port).isNotEqualTo(listening.getLocalPort()).isNotEqualTo(20_001);
      }
    }
  }
}
