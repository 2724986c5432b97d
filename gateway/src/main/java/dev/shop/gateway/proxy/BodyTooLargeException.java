package dev.shop.gateway.proxy;

/** A streamed (chunked) request body went over the configured limit. */
final class BodyTooLargeException extends RuntimeException {

    BodyTooLargeException(long limit) {
        super("Request body over " + limit + " bytes", null, false, false);
    }
}
