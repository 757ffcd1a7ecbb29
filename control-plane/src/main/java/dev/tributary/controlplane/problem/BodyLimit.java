package dev.tributary.controlplane.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bodies over {@code quarkus.http.limits.max-body-size} are refused by the HTTP layer before any
 * resource runs, with an empty 413. This answers them with a problem instead: up front when the
 * request declares its length, and in the failure path otherwise.
 */
@ApplicationScoped
public class BodyLimit {

  @Inject ObjectMapper json;

  @ConfigProperty(name = "quarkus.http.limits.max-body-size")
  MemorySize maxBodySize;

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::refuseDeclaredOversize);
    router.route().order(Integer.MIN_VALUE).failureHandler(this::answerOversize);
  }

  private void refuseDeclaredOversize(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > maxBodySize.asLongValue()) {
          // The body is not read: close the connection after answering.
          context.response().putHeader(HttpHeaders.CONNECTION, "close");
          respond(context);
          return;
        }
      } catch (NumberFormatException e) {
        // A malformed length is the HTTP layer's to refuse.
      }
    }
    context.next();
  }

  private void answerOversize(RoutingContext context) {
    if (context.statusCode() == 413 && !context.response().headWritten()) {
      respond(context);
    } else {
      context.next();
    }
  }

  private void respond(RoutingContext context) {
    ProblemDetail problem =
        Problems.bodyTooLarge(maxBodySize.asLongValue()).toProblem(context.request().path());
    try {
      context
          .response()
          .setStatusCode(413)
          .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
          .end(json.writeValueAsString(problem));
    } catch (JsonProcessingException e) {
      context.response().setStatusCode(413).end();
    }
  }
}
