package dev.shop.gateway.http;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, with a problem, a request whose headers are larger than {@code max-header-size} (431) or whose declared
 * {@code Content-Length} is over {@code max-body-size} (413), ahead of Quarkus' own body check (which answers with an
 * empty body). Chunked bodies are counted while they stream to the service (see the proxy). Headers beyond the HTTP
 * decoder's hard limit ({@code quarkus.http.limits.max-header-size}) never reach a handler and get Vert.x' bare 431.
 */
@ApplicationScoped
public class RequestLimitsFilter {

    static final int PRIORITY = CorsFilter.PRIORITY - 1_000;

    static final String HEADERS_TOO_LARGE_TYPE = "/problems/headers-too-large";

    private final ProblemResponses problems;
    private final long limit;
    private final long headerLimit;

    public RequestLimitsFilter(ProblemResponses problems, GatewayConfig config) {
        this.problems = problems;
        this.limit = config.maxBodySize().asLongValue();
        this.headerLimit = config.maxHeaderSize().asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext rc) {
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
        rc.next();
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
