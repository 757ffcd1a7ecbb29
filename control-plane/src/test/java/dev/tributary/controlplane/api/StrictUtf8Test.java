package dev.tributary.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictUtf8Test {

  @Test
  void utf8DecodesToTheSameText() throws Exception {
    String text = "Zahlungen ≥ 1000 € 🚀, 支付";

    assertThat(StrictUtf8.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a lone byte that starts no character | 7B FF 7D       | 1 | 0xFF is not a UTF-8 character
          an encoded surrogate                 | 22 ED A0 80 22 | 1 | 0xED 0xA0 0x80 encodes a UTF-16 surrogate
          an over-long form of '/'             | 41 C0 AF       | 1 | 0xC0 is not a UTF-8 character
          a character cut off at the end       | 41 42 E2 82    | 2 | ends in the middle of a character at byte offset 2: 0xE2 0x82 begins a character of 3 bytes
          a continuation byte on its own       | 41 80          | 1 | 0x80 is not a UTF-8 character
          a code point above U+10FFFF          | F4 90 80 80    | 0 | 0xF4 is not a UTF-8 character
          """)
  void bytesThatAreNotUtf8AreRefusedWithTheirOffset(
      String what, String hex, int offset, String message) {
    byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hex);

    assertThatThrownBy(() -> StrictUtf8.decode(bytes))
        .isInstanceOf(StrictUtf8.MalformedException.class)
        .hasMessageContaining(message)
        .satisfies(
            e ->
                assertThat(((StrictUtf8.MalformedException) e).offset())
                    .as(what)
                    .isEqualTo(offset));
  }
}
