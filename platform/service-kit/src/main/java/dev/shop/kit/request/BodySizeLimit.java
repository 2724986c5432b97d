package dev.shop.kit.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    /** After the request id filter, before everything else. */
    private static final int PRIORITY = 9_000;

    private final long limit;
    private final ObjectMapper mapper;

    public BodySizeLimit(@ConfigProperty(name = "shop.http.max-body-size") MemorySize limit, ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String declared = rc.request().getHeader("Content-Length");
            if (declared != null && exceeds(declared)) {
                Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body may have at most " + limit + " bytes", rc.request().path(),
                        RequestContext.currentId());
                rc.response().setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(json(problem));
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

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"status\":413}";
        }
    }
}
