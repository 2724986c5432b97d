package dev.shop.kit.request;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.shop.contracts.http.DecoderFailures;
import dev.shop.contracts.http.MediaTypeSyntax;
import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks every request before routing, so malformed input gets a 4xx problem+json here instead of failing somewhere
 * deeper (a database driver, a body parser) with a 500 or an empty answer:
 * <ul>
 * <li>a request line longer than {@code shop.http.max-request-line} → 414 (the HTTP decoder's own limit,
 * {@code quarkus.http.limits.max-initial-line-length}, sits well above it and answers without a body);</li>
 * <li>a query string that does not decode, or a NUL character in the path or in a query parameter → 400 naming the
 * parameter (NUL cannot be stored in MongoDB keys or patterns and has no place in any text);</li>
 * <li>a {@code Content-Type} that is not a valid media type, or a multipart one without a boundary → 400;</li>
 * <li>a body without {@code Content-Type}, or with a wildcard one ({@code * /*}) → 415: a body is read as what it says
 * it is, never guessed to be JSON.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestHygiene {

    /** After the request id filter, before the body size limit. */
    private static final int PRIORITY = 9_500;

    public static final String URI_TOO_LONG_TYPE = DecoderFailures.URI_TOO_LONG_TYPE;

    private final long maxRequestLine;
    private final RouteProblems problems;

    public RequestHygiene(@ConfigProperty(name = "shop.http.max-request-line") MemorySize maxRequestLine,
            RouteProblems problems) {
        this.maxRequestLine = maxRequestLine.asLongValue();
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Optional<Problem> refusal = requestLine(request).or(() -> query(rc)).or(() -> contentType(request));
        if (refusal.isPresent()) {
            problems.send(rc.response(), refusal.get(), hasBody(request));
            return;
        }
        rc.next();
    }

    private Optional<Problem> requestLine(HttpServerRequest request) {
        // "GET /path?query HTTP/1.1"
        long length = request.method().name().length() + 1L + request.uri().length() + 9L;
        if (length <= maxRequestLine) {
            return Optional.empty();
        }
        return Optional.of(new Problem(URI_TOO_LONG_TYPE, "Request URI too long", 414,
                "The request line may have at most " + maxRequestLine + " bytes", path(request),
                RequestContext.currentId(), null, null));
    }

    private static Optional<Problem> query(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String rawPath = request.path();
        if (rawPath != null && (rawPath.indexOf('\u0000') >= 0 || rawPath.contains("%00"))) {
            return Optional.of(invalid(request, "path", "must not contain NUL characters"));
        }
        if (request.query() == null) {
            return Optional.empty();
        }
        MultiMap params;
        try {
            params = rc.queryParams();
        } catch (RuntimeException undecodable) {
            return Optional.of(malformed(request, "The query string is not validly encoded"));
        }
        for (Map.Entry<String, String> param : params) {
            if (param.getKey().indexOf('\u0000') >= 0) {
                return Optional.of(invalid(request, "query", "parameter names must not contain NUL characters"));
            }
            if (param.getValue() != null && param.getValue().indexOf('\u0000') >= 0) {
                return Optional.of(invalid(request, param.getKey(), "must not contain NUL characters"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> contentType(HttpServerRequest request) {
        List<String> values = request.headers().getAll("Content-Type");
        if (values.size() > 1) {
            return Optional.of(malformed(request, "The request has more than one Content-Type"));
        }
        if (values.isEmpty()) {
            return hasBody(request)
                    ? Optional.of(unsupported(request, "A request body needs a Content-Type (application/json)"))
                    : Optional.empty();
        }
        String value = values.get(0);
        Optional<String> essence = MediaTypeSyntax.essence(value);
        if (essence.isEmpty()) {
            return Optional.of(malformed(request, "Content-Type is not a valid media type"));
        }
        if (essence.get().startsWith("multipart/")
                && !value.toLowerCase(Locale.ROOT).matches(".*;\\s*boundary=.+")) {
            return Optional.of(malformed(request, "A multipart Content-Type needs a boundary parameter"));
        }
        if (MediaTypeSyntax.isWildcard(essence.get()) && hasBody(request)) {
            return Optional.of(unsupported(request,
                    "Content-Type " + essence.get() + " is a range, not a media type; send application/json"));
        }
        return Optional.empty();
    }

    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeader("Transfer-Encoding") != null;
    }

    private static Problem invalid(HttpServerRequest request, String field, String message) {
        ProblemType t = ProblemType.VALIDATION;
        return new Problem(t.uri(), t.title(), 400, field + ": " + message, path(request), RequestContext.currentId(),
                List.of(new Problem.Violation(field, message)), null);
    }

    private static Problem malformed(HttpServerRequest request, String detail) {
        return Problem.of(ProblemType.MALFORMED_REQUEST, detail, path(request), RequestContext.currentId());
    }

    private static Problem unsupported(HttpServerRequest request, String detail) {
        return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, path(request), RequestContext.currentId());
    }

    /** The path for {@code instance}, without NUL or other control characters that would end up in logs. */
    private static String path(HttpServerRequest request) {
        String path = request.path();
        if (path == null) {
            return "/";
        }
        return MediaTypeSyntax.hasControlCharacter(path) ? path.replaceAll("[\\x00-\\x1f\\x7f]", "?") : path;
    }
}
