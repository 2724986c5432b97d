package dev.shop.kit.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds {@code shop.http.max-body-size} with a 413
 * problem+json before any of the body is read. The HTTP layer's own limit ({@code quarkus.http.limits.max-body-size})
 * is set higher, because its refusal has no body; it still cuts off bodies sent in chunks without a length.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** After the request id filter and the request hygiene checks, before everything else. */
    private static final int PRIORITY = 9_000;

    private final long limit;
    private final RouteProblems problems;

    public BodySizeLimit(@ConfigProperty(name = "shop.http.max-body-size") MemorySize limit, RouteProblems problems) {
        this.limit = limit.asLongValue();
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String declared = rc.request().getHeader("Content-Length");
            if (declared != null && exceeds(declared)) {
                problems.send(rc.response(), Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body may have at most " + limit + " bytes", rc.request().path(),
                        RequestContext.currentId()), true);
                return;
            }
            rc.next();
        }, PRIORITY);
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
