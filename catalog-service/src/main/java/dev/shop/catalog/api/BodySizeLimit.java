package dev.shop.catalog.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.request.RequestContext;
import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds {@code shop.catalog.max-body-size} with a 413
 * problem+json before any of the body is read. The HTTP layer's own limit ({@code quarkus.http.limits.max-body-size})
 * is set higher, because its refusal has no body; it still cuts off bodies sent in chunks without a length.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** After the request id filter, before everything else. */
    private static final int PRIORITY = 9_000;

    private final long limit;
    private final ObjectMapper mapper;

    public BodySizeLimit(CatalogConfig config, ObjectMapper mapper) {
        this.limit = config.maxBodySize().asLongValue();
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
