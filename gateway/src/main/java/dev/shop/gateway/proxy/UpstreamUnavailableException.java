package dev.shop.gateway.proxy;

/**
 * No connection to a service could be had (refused, unresolvable, connect or pool-wait timeout): nothing was sent, so
 * the answer is 503 rather than 502/504.
 */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String service, Throwable cause) {
        super(service + " service is unavailable", cause, false, false);
    }
}
