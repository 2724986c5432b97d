package dev.shop.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose declared {@code Content-Length} is over the limit with a 413 problem, ahead of Quarkus' own
 * check (which answers with an empty body). Chunked bodies are counted while they stream to the service (see the proxy).
 */
@ApplicationScoped
public class BodyLimitFilter {

    static final int PRIORITY = CorsFilter.PRIORITY - 1_000;

    private final ProblemResponses problems;
    private final long limit;

    public BodyLimitFilter(ProblemResponses problems, GatewayConfig config) {
        this.problems = problems;
        this.limit = config.maxBodySize().asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext rc) {
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
