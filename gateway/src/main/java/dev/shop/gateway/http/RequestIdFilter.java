package dev.shop.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import dev.shop.contracts.http.RequestIds;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an {@code X-Request-Id}: the caller's when it is a safe token, a new one otherwise. The id is
 * forwarded upstream and set on every response, proxied or not, replacing whatever the upstream answered so the client
 * sees exactly one value. It is also the {@code requestId} of the request's log lines.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Ahead of Quarkus' own early routes (body-size limit at order -2) so even their answers carry the id. */
    public static final int PRIORITY = 100_000;

    private static final String KEY = "shop.gateway.request-id";

    void register(@Observes Filters filters) {
        filters.register(this::assign, PRIORITY);
    }

    private void assign(RoutingContext rc) {
        String id = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
        rc.put(KEY, id);
        // In the log context of this request (Quarkus keeps the MDC per request), as the services do.
        MDC.put("requestId", id);
        rc.addHeadersEndHandler(v -> rc.response().headers().set(RequestIds.HEADER, id));
        rc.next();
    }

    /** The id assigned to the request; a fresh one if the filter did not run, so callers never see {@code null}. */
    public static String requestId(RoutingContext rc) {
        String id = rc.get(KEY);
        if (id == null) {
            id = RequestIds.newId();
            rc.put(KEY, id);
        }
        return id;
    }
}
