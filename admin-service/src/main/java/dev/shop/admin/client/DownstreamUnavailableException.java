package dev.shop.admin.client;

/**
 * A downstream service could not be reached, did not answer in time, or answered with a server error. Counted by the
 * service's circuit breaker; answered 503 to the admin.
 */
public class DownstreamUnavailableException extends RuntimeException {

    private final String service;
    private final boolean refused;

    /**
     * @param refused whether the service said it did not take the request (it answered 503), as opposed to a failure
     *        after which nobody knows whether it acted
     */
    public DownstreamUnavailableException(String service, String message, boolean refused, Throwable cause) {
        super(service + " " + message, cause);
        this.service = service;
        this.refused = refused;
    }

    public String service() {
        return service;
    }

    public boolean refused() {
        return refused;
    }
}
