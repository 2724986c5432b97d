package dev.shop.gateway.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.contracts.http.DecoderFailures;
import dev.shop.contracts.http.MediaTypeSyntax;
import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, with a problem, and before anything is proxied, a request
 * <ul>
 * <li>whose request line is longer than {@code max-request-line} (414);</li>
 * <li>whose headers are larger than {@code max-header-size} (431);</li>
 * <li>whose declared {@code Content-Length} is over {@code max-body-size} (413), ahead of Quarkus' own body check
 * (which answers with an empty body); chunked bodies are counted while they stream to the service (see the proxy);</li>
 * <li>whose query string does not decode or holds a NUL character, or whose path holds one (400);</li>
 * <li>whose {@code Content-Type} is not a valid media type (400), or that has a body without a {@code Content-Type} or
 * with a wildcard one (415).</li>
 * </ul>
 * What the HTTP decoder itself cannot read (beyond {@code quarkus.http.limits.*}, control characters in headers) is
 * answered by {@code DecoderFailureAnswers}.
 */
@ApplicationScoped
public class RequestLimitsFilter {

    static final int PRIORITY = CorsFilter.PRIORITY - 1_000;

    static final String HEADERS_TOO_LARGE_TYPE = "/problems/headers-too-large";

    private final ProblemResponses problems;
    private final long limit;
    private final long headerLimit;
    private final long requestLineLimit;

    public RequestLimitsFilter(ProblemResponses problems, GatewayConfig config) {
        this.problems = problems;
        this.limit = config.maxBodySize().asLongValue();
        this.headerLimit = config.maxHeaderSize().asLongValue();
        this.requestLineLimit = config.maxRequestLine().asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        // "GET /path?query HTTP/1.1"
        long requestLine = request.method().name().length() + 1L + request.uri().length() + 9L;
        if (requestLine > requestLineLimit) {
            problems.send(rc, new Problem(DecoderFailures.URI_TOO_LONG_TYPE, "Request URI too long", 414,
                    "The request line may have at most " + human(requestLineLimit), safePath(rc),
                    RequestIdFilter.requestId(rc), null, null));
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : rc.request().headers()) {
            // As on the wire: "name: value" and CRLF.
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > headerLimit) {
            problems.send(rc, new Problem(HEADERS_TOO_LARGE_TYPE, "Request headers too large", 431,
                    "The request headers are larger than the limit of " + human(headerLimit), rc.normalizedPath(),
                    RequestIdFilter.requestId(rc), null, null));
            return;
        }
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                problems.send(rc, ProblemType.MALFORMED_REQUEST, "Content-Length is not a number");
                return;
            }
            if (length > limit) {
                problems.send(rc, tooLarge(rc, limit));
                return;
            }
        }
        Problem malformed = queryOrPath(rc);
        if (malformed == null) {
            malformed = contentType(rc);
        }
        if (malformed != null) {
            problems.send(rc, malformed);
            return;
        }
        rc.next();
    }

    private static Problem queryOrPath(RoutingContext rc) {
        String rawPath = rc.request().path();
        if (rawPath != null && (rawPath.indexOf('\u0000') >= 0 || rawPath.contains("%00"))) {
            return invalid(rc, "path", "must not contain NUL characters");
        }
        if (rc.request().query() == null) {
            return null;
        }
        MultiMap params;
        try {
            params = rc.queryParams();
        } catch (RuntimeException undecodable) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The query string is not validly encoded", safePath(rc),
                    RequestIdFilter.requestId(rc));
        }
        for (Map.Entry<String, String> param : params) {
            if (param.getKey().indexOf('\u0000') >= 0) {
                return invalid(rc, "query", "parameter names must not contain NUL characters");
            }
            if (param.getValue() != null && param.getValue().indexOf('\u0000') >= 0) {
                return invalid(rc, param.getKey(), "must not contain NUL characters");
            }
        }
        return null;
    }

    private static Problem contentType(RoutingContext rc) {
        List<String> values = rc.request().headers().getAll(HttpHeaders.CONTENT_TYPE);
        boolean hasBody = hasBody(rc.request());
        if (values.size() > 1) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The request has more than one Content-Type",
                    safePath(rc), RequestIdFilter.requestId(rc));
        }
        if (values.isEmpty()) {
            return hasBody ? Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "A request body needs a Content-Type (application/json)", safePath(rc),
                    RequestIdFilter.requestId(rc)) : null;
        }
        Optional<String> essence = MediaTypeSyntax.essence(values.get(0));
        if (essence.isEmpty()) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "Content-Type is not a valid media type", safePath(rc),
                    RequestIdFilter.requestId(rc));
        }
        if (MediaTypeSyntax.isWildcard(essence.get()) && hasBody) {
            return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + essence.get()
                    + " is a range, not a media type; send application/json", safePath(rc),
                    RequestIdFilter.requestId(rc));
        }
        return null;
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static Problem invalid(RoutingContext rc, String field, String message) {
        ProblemType t = ProblemType.VALIDATION;
        return new Problem(t.uri(), t.title(), 400, field + ": " + message, safePath(rc),
                RequestIdFilter.requestId(rc), List.of(new Problem.Violation(field, message)), null);
    }

    /** The path for {@code instance}: the raw one, with control characters masked (normalising could fail here). */
    private static String safePath(RoutingContext rc) {
        String path = rc.request().path();
        if (path == null) {
            return "/";
        }
        return MediaTypeSyntax.hasControlCharacter(path) ? path.replaceAll("[\\x00-\\x1f\\x7f]", "?") : path;
    }

    static Problem tooLarge(RoutingContext rc, long limit) {
        return Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + human(limit), rc.normalizedPath(),
                RequestIdFilter.requestId(rc));
    }

    static String human(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
