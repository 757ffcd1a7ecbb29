package dev.tributary.controlplane.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes UTF-8 and refuses what is not: a byte that starts no character, a character cut off at
 * the end, an over-long form, an encoded UTF-16 surrogate. The lenient decoders of the JDK and of
 * JAX-RS put U+FFFD in their place, which would store something other than what was sent.
 */
public final class StrictUtf8 {

  private StrictUtf8() {}

  /** Bytes that are not UTF-8, and where. */
  public static final class MalformedException extends CharacterCodingException {

    private final int offset;
    private final String description;

    MalformedException(int offset, String description) {
      this.offset = offset;
      this.description = description;
    }

    /** The offset of the first byte that is not UTF-8, counting from 0. */
    public int offset() {
      return offset;
    }

    @Override
    public String getMessage() {
      return description;
    }
  }

  public static String decode(byte[] bytes) throws MalformedException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // A UTF-8 byte never decodes to more than one UTF-16 unit of its own.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw malformed(bytes, in.position(), result.length());
    }
    return out.flip().toString();
  }

  private static MalformedException malformed(byte[] bytes, int offset, int length) {
    int lead = bytes[offset] & 0xFF;
    int announced = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1;
    String shown =
        HexFormat.ofDelimiter(" ")
            .withPrefix("0x")
            .withUpperCase()
            .formatHex(bytes, offset, offset + Math.max(1, length));
    if (announced > length && offset + length == bytes.length) {
      return new MalformedException(
          offset,
          "ends in the middle of a character at byte offset "
              + offset
              + ": "
              + shown
              + " begins a character of "
              + announced
              + " bytes");
    }
    String why =
        lead == 0xED && length == 3
            ? " encodes a UTF-16 surrogate, which UTF-8 does not allow"
            : " is not a UTF-8 character";
    return new MalformedException(
        offset, "is not UTF-8 at byte offset " + offset + ": " + shown + why);
  }
}
