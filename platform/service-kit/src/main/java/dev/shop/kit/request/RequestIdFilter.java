package dev.shop.kit.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.contracts.http.RequestIds;
import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Gives every HTTP request an {@code X-Request-Id}: the caller's when it is a safe token, a new one otherwise. It is
 * returned on every response (also errors and {@code /q/*}), put in the log context and carried on outgoing REST
 * calls ({@link RequestIdClientFilter}) and events (the outbox stores it as the correlation id).
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Runs before every other route, so even early failures carry the id. */
    private static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
            RequestContext.set(id);
            rc.addHeadersEndHandler(v -> rc.response().headers().set(RequestIds.HEADER, id));
            rc.next();
        }, PRIORITY);
    }
}
