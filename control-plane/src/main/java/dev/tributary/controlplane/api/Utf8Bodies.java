package dev.tributary.controlplane.api;

import dev.tributary.controlplane.problem.Problems;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Every request body the API reads — pipeline documents as text, and the JSON bound to objects —
 * passes here first and is read as UTF-8, strictly: a body with a byte that is not UTF-8 is refused
 * with 400 {@code invalid-encoding} naming its offset. Without this the lenient decoders put U+FFFD
 * in place of what was sent, or, for an encoded surrogate, a character that PostgreSQL's driver
 * turns into '?', and the catalog would store something other than what the caller sent.
 *
 * <p>A {@code charset} parameter of the media type is ignored, as RFC 8259 says of JSON (and YAML's
 * media type defines none either): some HTTP clients add {@code charset=ISO-8859-1} to every text
 * type on their own, and reading UTF-8 as what they declare would store garbled text.
 */
@Provider
public class Utf8Bodies implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    byte[] body = context.getInputStream().readAllBytes();
    try {
      StrictUtf8.decode(body);
    } catch (StrictUtf8.MalformedException e) {
      throw Problems.invalidEncoding("the body " + e.getMessage());
    }
    MediaType type = context.getMediaType();
    if (type != null && type.getParameters().containsKey(MediaType.CHARSET_PARAMETER)) {
      context.setMediaType(type.withCharset(StandardCharsets.UTF_8.name()));
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }
}
