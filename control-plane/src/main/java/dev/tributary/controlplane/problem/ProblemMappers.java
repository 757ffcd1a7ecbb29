package dev.tributary.controlplane.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 9457 problem+json. Bad input of any kind (unreadable JSON, wrong
 * types, unknown routes, wrong media types, bodies too large) ends here as a 4xx; only a bug in the
 * control plane itself becomes a 500, and its details stay in the log.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response.ResponseBuilder response = respond(e.toProblem(path(uri)));
    e.headers().forEach(response::header);
    return response.build();
  }

  @ServerExceptionMapper
  public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
    return unauthorized(uri);
  }

  @ServerExceptionMapper
  public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
    return unauthorized(uri);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(Problems.forbidden("your roles do not allow this").toProblem(path(uri))).build();
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonParseException e, UriInfo uri) {
    return malformed(e, uri);
  }

  @ServerExceptionMapper
  public Response unreadableJson(MismatchedInputException e, UriInfo uri) {
    return malformed(e, uri);
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
    return malformed(e, uri);
  }

  @ServerExceptionMapper
  public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
    List<ProblemDetail.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(ProblemMappers::fieldError)
            .sorted(Comparator.comparing(ProblemDetail.FieldError::path))
            .toList();
    return respond(
            Problems.invalidRequest(
                    "the request has " + errors.size() + " invalid value(s)", errors)
                .toProblem(path(uri)))
        .build();
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    Response original = e.getResponse();
    int status = original == null ? 500 : original.getStatus();
    if (status >= 500) {
      return internal(e, uri);
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (status == 400 && cause instanceof JsonProcessingException json) {
        return malformed(json, uri);
      }
    }
    StatusProblem kind = StatusProblem.of(status);
    Response.ResponseBuilder response =
        respond(
            new ProblemDetail(
                ProblemDetail.TYPE_PREFIX + kind.code,
                kind.title,
                status,
                kind.detail(e),
                path(uri),
                null));
    if (original != null && original.getHeaderString("Allow") != null) {
      response.header("Allow", original.getHeaderString("Allow"));
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response internal(Throwable e, UriInfo uri) {
    ProblemException database = DatabaseProblems.of(e);
    if (database != null) {
      // Input is checked before it reaches the database; one that gets there is a missing check.
      LOG.warnf(e, "the database refused a request on %s", path(uri));
      return problem(database, uri);
    }
    LOG.errorf(e, "internal error on %s", path(uri));
    return respond(
            new ProblemDetail(
                ProblemDetail.TYPE_PREFIX + "internal-error",
                "Internal error",
                500,
                "the control plane failed on this request; the error is in its log",
                path(uri),
                null))
        .build();
  }

  private Response unauthorized(UriInfo uri) {
    return respond(
            new ProblemException(
                    401,
                    "unauthenticated",
                    "Unauthenticated",
                    "send a valid bearer token from the Tributary realm")
                .toProblem(path(uri)))
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  private Response malformed(JsonProcessingException e, UriInfo uri) {
    String where = "";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      where = " at " + jsonPath(mapping.getPath());
    }
    String message = e.getOriginalMessage() == null ? "unreadable input" : e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return respond(
            new ProblemDetail(
                ProblemDetail.TYPE_PREFIX + "malformed-body",
                "Malformed request body",
                400,
                "the body is not the expected JSON"
                    + where
                    + ": "
                    + (newline < 0 ? message : message.substring(0, newline)),
                path(uri),
                null))
        .build();
  }

  private static String jsonPath(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static ProblemDetail.FieldError fieldError(ConstraintViolation<?> violation) {
    // "create.request.slug" → "slug": the method and parameter names mean nothing to callers.
    String path = violation.getPropertyPath().toString();
    String[] parts = path.split("\\.", 3);
    String field = parts.length == 3 ? parts[2] : parts.length == 2 ? parts[1] : path;
    return new ProblemDetail.FieldError(field, "constraint", violation.getMessage());
  }

  static Response.ResponseBuilder respond(ProblemDetail problem) {
    return Response.status(problem.status()).type(ProblemDetail.MEDIA_TYPE).entity(problem);
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }

  /** Problems the HTTP layer raises before a resource runs. */
  private enum StatusProblem {
    BAD_REQUEST(400, "bad-request", "Bad request"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    BODY_TOO_LARGE(413, "body-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    OTHER(0, "bad-request", "Bad request");

    private static final Map<Integer, String> DETAILS =
        Map.of(
            404, "there is nothing at this path; see /q/openapi for the API",
            405, "this path does not support this method",
            406, "the API answers in application/json",
            415, "send JSON (application/json) or, for pipelines, YAML (application/yaml)");

    final int status;
    final String code;
    final String title;

    StatusProblem(int status, String code, String title) {
      this.status = status;
      this.code = code;
      this.title = title;
    }

    static StatusProblem of(int status) {
      for (StatusProblem p : values()) {
        if (p.status == status) {
          return p;
        }
      }
      return OTHER;
    }

    String detail(WebApplicationException e) {
      String detail = DETAILS.get(status);
      if (detail != null) {
        return detail;
      }
      return e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? title : e.getMessage();
    }
  }
}
