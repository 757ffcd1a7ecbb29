package dev.tributary.controlplane.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.controlplane.deploy.DeployTargetConfig.Kind;
import org.junit.jupiter.api.Test;

class SingleUserTest {

  @Test
  void singleUserModeIsRefusedWithoutTheLocalTarget() {
    assertThatThrownBy(() -> SingleUser.check(Kind.NONE, "127.0.0.1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tributary.deploy.target=local");
  }

  @Test
  void singleUserModeIsRefusedOnEveryInterface() {
    assertThatThrownBy(() -> SingleUser.check(Kind.LOCAL, "0.0.0.0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("quarkus.http.host=127.0.0.1");
    assertThatThrownBy(() -> SingleUser.check(Kind.LOCAL, "192.168.1.20"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void singleUserModeIsHonouredOnLoopbackWithTheLocalTarget() {
    assertThatCode(() -> SingleUser.check(Kind.LOCAL, "127.0.0.1")).doesNotThrowAnyException();
    assertThatCode(() -> SingleUser.check(Kind.LOCAL, "localhost")).doesNotThrowAnyException();
  }
}
