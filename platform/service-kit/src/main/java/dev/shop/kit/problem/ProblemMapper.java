package dev.shop.kit.problem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.json.StrictJson;
import dev.shop.kit.request.RequestContext;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every failure of a REST call into an {@code application/problem+json} answer (docs/api.md): the status says what
 * went wrong, the body never carries a stack trace, an exception class name or an internal message.
 */
public class ProblemMapper {

    private static final String FORM_PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart.";
    private static final String FORM_BODY_HANDLER = "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        Problem p = new Problem(e.type(), e.title(), e.status(), e.getMessage(), request.path(),
                RequestContext.currentId(), e.violations(), e.retryAfterSeconds());
        return respond(p);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        ProblemException invalid = ProblemException.invalid(violations);
        return problem(invalid, request);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        String field = fieldOf(e);
        String detail = describe(e, field);
        Problem p = new Problem(ProblemType.MALFORMED_REQUEST.uri(), ProblemType.MALFORMED_REQUEST.title(), 400,
                detail, request.path(), RequestContext.currentId(),
                field == null ? null : List.of(new Problem.Violation(field, violationMessage(e))), null);
        return respond(p);
    }

    /** More specific than Quarkus' own mapper for it, which would answer plain JSON with parser details. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return unreadableJson(e, request);
    }

    /**
     * A form or multipart body that cannot be parsed (truncated, no boundary, a part without headers) surfaces as a
     * plain {@code IOException} from the body reader: the client's doing, so a 400. Any other I/O failure is ours.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, HttpServerRequest request) {
        if (fromFormParser(e)) {
            return problem(new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The request body is not a well-formed " + formKind(request) + " body"), request);
        }
        return unexpected(e, request);
    }

    @ServerExceptionMapper
    public Response duplicateKey(MongoWriteException e, HttpServerRequest request) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
            return problem(ProblemException.conflict("A resource with the same unique value already exists"),
                    request);
        }
        return unexpected(e, request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return problem(ProblemException.forbidden("You are not allowed to do this"), request);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadableJson(json, request);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        ProblemType type = ProblemType.forStatus(status);
        Problem p = new Problem(type.uri(), type.title(), status, genericDetail(status, request), request.path(),
                RequestContext.currentId(), null, null);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(p);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        String traceId = RequestContext.currentId();
        Log.errorf(e, "Unhandled failure on %s %s (traceId %s)", request.method(), request.path(), traceId);
        Problem p = Problem.of(ProblemType.INTERNAL, "An unexpected error occurred; quote the traceId to support",
                request.path(), traceId);
        return respond(p);
    }

    private static boolean fromFormParser(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                if (cls.startsWith(FORM_PARSER_PACKAGE) || cls.equals(FORM_BODY_HANDLER)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String formKind(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/") ? "multipart"
                : "form";
    }

    private Response unauthorized(HttpServerRequest request) {
        Response r = problem(ProblemException.unauthorized("A valid bearer token is required"), request);
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response respond(Problem p) {
        Response.ResponseBuilder builder = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
        if (p.retryAfterSeconds() != null) {
            builder.header("Retry-After", p.retryAfterSeconds());
        }
        return builder.build();
    }

    private static String genericDetail(int status, HttpServerRequest request) {
        return switch (status) {
            case 404 -> "No resource at " + request.path();
            case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
            case 406 -> "None of the accepted media types can be produced";
            case 415 -> "Content type " + request.getHeader(HttpHeaders.CONTENT_TYPE) + " is not supported here";
            default -> Response.Status.fromStatusCode(status) == null ? "Request refused"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }

    /** Names the offending JSON field and the expected shape, without echoing parser internals. */
    private static String describe(JsonProcessingException e, String field) {
        String duplicate = duplicateField(e);
        if (duplicate != null) {
            return "Field '" + duplicate + "' appears more than once in the request body";
        }
        if (field == null) {
            return "The request body is not valid JSON";
        }
        return "Field '" + field + "' " + violationMessage(e);
    }

    private static String violationMessage(JsonProcessingException e) {
        if (duplicateField(e) != null) {
            return "appears more than once";
        }
        if (e instanceof InvalidFormatException format && format.getValue() instanceof String text
                && text.indexOf('\u0000') >= 0) {
            return StrictJson.NUL_MESSAGE;
        }
        if (e instanceof MismatchedInputException mismatch) {
            String expected = mismatch.getTargetType() == null ? "another type"
                    : simpleTypeName(mismatch.getTargetType());
            return "has the wrong type: expected " + expected;
        }
        return "is invalid";
    }

    /** The JSON path of the offending value, when the parser got as far as a field. */
    private static String fieldOf(JsonProcessingException e) {
        String duplicate = duplicateField(e);
        if (duplicate != null) {
            return duplicate;
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = jsonPath(mapping.getPath());
            return path.isEmpty() ? null : path;
        }
        return null;
    }

    /** Jackson's strict duplicate detection reports {@code Duplicate field 'name'}. */
    private static String duplicateField(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return null;
        }
        int end = message.indexOf('\'', "Duplicate field '".length());
        return end < 0 ? null : message.substring("Duplicate field '".length(), end);
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == String.class || type.isEnum() || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * {@code register.request.username} → {@code username}: the method and parameter nodes mean nothing to a client,
     * unless the parameter itself is the invalid thing.
     */
    static String fieldName(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.isInIterable() && !names.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    names.add(names.remove(names.size() - 1) + "[" + position + "]");
                }
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "request" : parameter;
        }
        return String.join(".", names);
    }
}
