package dev.shop.gateway.proxy;

/**
 * An exchange that failed because of the client, not the service (body over the limit, client gone): it must not
 * count against the service's circuit breaker.
 */
final class ClientSideFailure extends RuntimeException {

    enum Kind {
        BODY_TOO_LARGE,
        CLIENT_GONE
    }

    private final Kind kind;

    ClientSideFailure(Kind kind, Throwable cause) {
        super(kind.name(), cause, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
